package dev.perfkit.pool;

import java.util.List;
import java.util.Locale;

/**
 * The database a preset targets; it decides which JDBC driver properties a {@link PoolPreset} sets and which JDBC
 * URLs {@link PoolPreset#config} accepts.
 *
 * <pre>{@code
 * HikariConfig config = PoolPreset.WEB_OLTP.config(DatabaseKind.POSTGRESQL, "jdbc:postgresql://db/app");
 * }</pre>
 */
public enum DatabaseKind {
    /** PostgreSQL through pgjdbc ({@code org.postgresql:postgresql}): URLs {@code jdbc:postgresql:...}. */
    POSTGRESQL("postgresql"),
    /** MySQL through Connector/J ({@code com.mysql:mysql-connector-j}): URLs {@code jdbc:mysql:...}. */
    MYSQL("mysql"),
    /**
     * MariaDB through {@code org.mariadb.jdbc:mariadb-java-client} 3.x: URLs {@code jdbc:mariadb:...}, or
     * {@code jdbc:mysql:...} with {@code permitMysqlScheme} (the driver's own opt-in).
     */
    MARIADB("mariadb");

    private final String scheme;

    DatabaseKind(String scheme) {
        this.scheme = scheme;
    }

    /**
     * Refuses a URL another driver would serve. A wrapper driver's URL ({@code jdbc:p6spy:postgresql:...},
     * {@code jdbc:otel:mysql:...}) counts by the scheme it wraps.
     */
    void checkUrl(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:, but was " + jdbcUrl);
        }
        String[] parts = url.split(":", 4);
        List<String> schemes = parts.length >= 3 ? List.of(parts[1], parts[2]) : List.of(parts[1]);
        boolean matches = schemes.contains(scheme)
                || (this == MARIADB && schemes.contains("mysql") && url.contains("permitmysqlscheme"));
        if (!matches) {
            throw new IllegalArgumentException(
                    "jdbcUrl must be a jdbc:" + scheme + ": URL for DatabaseKind." + name() + ", but was " + jdbcUrl);
        }
    }
}
