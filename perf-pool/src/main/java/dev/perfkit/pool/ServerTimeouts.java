package dev.perfkit.pool;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The idle cuts a live database applies to connections, as seen by the pool's own session; zero means off.
 *
 * <pre>{@code
 * ServerTimeouts server = ServerTimeouts.read(pool);
 * List<Finding> findings = ConfigChecks.check(config, CheckContext.builder().serverTimeouts(server).build());
 * }</pre>
 */
public final class ServerTimeouts {
    /** Nothing known: every cut off. */
    public static final ServerTimeouts NONE = of(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    private final Duration idleSession;
    private final Duration idleInTransaction;
    private final Duration tcpKeepalivesIdle;

    private ServerTimeouts(Duration idleSession, Duration idleInTransaction, Duration tcpKeepalivesIdle) {
        this.idleSession = notNegative("idleSession", idleSession);
        this.idleInTransaction = notNegative("idleInTransaction", idleInTransaction);
        this.tcpKeepalivesIdle = notNegative("tcpKeepalivesIdle", tcpKeepalivesIdle);
    }

    /**
     * Known values, for example from a configuration file.
     *
     * @param idleSession PostgreSQL idle_session_timeout, or MySQL wait_timeout, zero when off
     * @param idleInTransaction PostgreSQL idle_in_transaction_session_timeout, zero when off
     * @param tcpKeepalivesIdle PostgreSQL tcp_keepalives_idle, zero for the OS default
     * @throws NullPointerException when a value is null
     * @throws IllegalArgumentException when a value is negative
     */
    public static ServerTimeouts of(Duration idleSession, Duration idleInTransaction, Duration tcpKeepalivesIdle) {
        return new ServerTimeouts(idleSession, idleInTransaction, tcpKeepalivesIdle);
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
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return of(
                        pgMillis(s, "idle_session_timeout", 1),
                        pgMillis(s, "idle_in_transaction_session_timeout", 1),
                        pgMillis(s, "tcp_keepalives_idle", 1000));
            }
            if (product.contains("mysql") || product.contains("mariadb")) {
                try (ResultSet r = s.executeQuery("SELECT @@wait_timeout")) {
                    r.next();
                    return of(Duration.ofSeconds(r.getLong(1)), Duration.ZERO, Duration.ZERO);
                }
            }
            throw new IllegalArgumentException("database must be PostgreSQL, MySQL or MariaDB, but was " + product);
        }
    }

    /** PostgreSQL idle_session_timeout, or MySQL wait_timeout: an idle connection is closed after it; zero when off. */
    public Duration idleSession() {
        return idleSession;
    }

    /** PostgreSQL idle_in_transaction_session_timeout (zero on MySQL or when off). */
    public Duration idleInTransaction() {
        return idleInTransaction;
    }

    /** PostgreSQL tcp_keepalives_idle as in effect (zero means the OS default). */
    public Duration tcpKeepalivesIdle() {
        return tcpKeepalivesIdle;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerTimeouts t
                && idleSession.equals(t.idleSession)
                && idleInTransaction.equals(t.idleInTransaction)
                && tcpKeepalivesIdle.equals(t.tcpKeepalivesIdle);
    }

    @Override
    public int hashCode() {
        return Objects.hash(idleSession, idleInTransaction, tcpKeepalivesIdle);
    }

    @Override
    public String toString() {
        return "ServerTimeouts[idleSession=" + idleSession + ", idleInTransaction=" + idleInTransaction
                + ", tcpKeepalivesIdle=" + tcpKeepalivesIdle + "]";
    }

    private static Duration notNegative(String name, Duration value) {
        if (Objects.requireNonNull(value, name).isNegative()) {
            throw new IllegalArgumentException(name + " must be zero (off) or above, but was " + value);
        }
        return value;
    }

    private static Duration pgMillis(Statement s, String name, long millisPerUnit) throws SQLException {
        // pg_settings gives the raw number in the setting's unit (ms for the timeouts, s for tcp_keepalives_idle).
        try (ResultSet r = s.executeQuery("SELECT setting FROM pg_settings WHERE name = '" + name + "'")) {
            return r.next() ? Duration.ofMillis(Long.parseLong(r.getString(1)) * millisPerUnit) : Duration.ZERO;
        }
    }
}
