package dev.perfkit.pool;

/**
 * The database a preset targets; it decides which JDBC driver properties a {@link PoolPreset} sets.
 *
 * <pre>{@code
 * HikariConfig config = PoolPreset.WEB_OLTP.config(DatabaseKind.POSTGRESQL, "jdbc:postgresql://db/app");
 * }</pre>
 */
public enum DatabaseKind {
    /** PostgreSQL through pgjdbc ({@code org.postgresql:postgresql}). */
    POSTGRESQL,
    /** MySQL through Connector/J ({@code com.mysql:mysql-connector-j}). */
    MYSQL,
    /** MariaDB through {@code org.mariadb.jdbc:mariadb-java-client} 3.x. */
    MARIADB
}
