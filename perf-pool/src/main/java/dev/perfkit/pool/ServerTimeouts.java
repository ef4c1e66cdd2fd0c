package dev.perfkit.pool;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The idle cuts a live database applies to connections, as seen by the pool's own session; zero means off.
 *
 * <pre>{@code
 * ServerTimeouts server = ServerTimeouts.read(pool);
 * List<Finding> findings = ConfigChecks.check(config, CheckContext.builder().serverTimeouts(server).build());
 * }</pre>
 *
 * @param idleSession PostgreSQL idle_session_timeout, or MySQL wait_timeout: an idle connection is closed after it
 * @param idleInTransaction PostgreSQL idle_in_transaction_session_timeout (zero on MySQL)
 * @param tcpKeepalivesIdle PostgreSQL tcp_keepalives_idle as in effect (zero means the OS default)
 */
public record ServerTimeouts(Duration idleSession, Duration idleInTransaction, Duration tcpKeepalivesIdle) {

    /** Nothing known: every cut off. */
    public static final ServerTimeouts NONE = new ServerTimeouts(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /** @throws NullPointerException when a value is null */
    public ServerTimeouts {
        Objects.requireNonNull(idleSession, "idleSession");
        Objects.requireNonNull(idleInTransaction, "idleInTransaction");
        Objects.requireNonNull(tcpKeepalivesIdle, "tcpKeepalivesIdle");
    }

    /**
     * Reads the values with one connection from {@code dataSource}, so per-database and per-role settings apply.
     *
     * @throws SQLException when the database cannot be asked
     * @throws IllegalArgumentException when the database is neither PostgreSQL nor MySQL/MariaDB
     */
    public static ServerTimeouts read(DataSource dataSource) throws SQLException {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
            if (product.contains("postgres")) {
                return new ServerTimeouts(
                        pgMillis(s, "idle_session_timeout", 1),
                        pgMillis(s, "idle_in_transaction_session_timeout", 1),
                        pgMillis(s, "tcp_keepalives_idle", 1000));
            }
            if (product.contains("mysql") || product.contains("mariadb")) {
                try (ResultSet r = s.executeQuery("SELECT @@wait_timeout")) {
                    r.next();
                    return new ServerTimeouts(Duration.ofSeconds(r.getLong(1)), Duration.ZERO, Duration.ZERO);
                }
            }
            throw new IllegalArgumentException("database must be PostgreSQL, MySQL or MariaDB, but was " + product);
        }
    }

    private static Duration pgMillis(Statement s, String name, long millisPerUnit) throws SQLException {
        // pg_settings gives the raw number in the setting's unit (ms for the timeouts, s for tcp_keepalives_idle).
        try (ResultSet r = s.executeQuery("SELECT setting FROM pg_settings WHERE name = '" + name + "'")) {
            return r.next() ? Duration.ofMillis(Long.parseLong(r.getString(1)) * millisPerUnit) : Duration.ZERO;
        }
    }
}
