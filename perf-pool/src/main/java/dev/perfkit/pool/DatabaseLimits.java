package dev.perfkit.pool;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What a live database says about its connection limits: max_connections, the reserved slots and who holds
 * connections now, by application name (PostgreSQL) or user (MySQL/MariaDB).
 *
 * <pre>{@code
 * DatabaseLimits limits = DatabaseLimits.read(dataSource);
 * int free = limits.availableTo("orders-api"); // max - reserved - everyone else's connections
 * }</pre>
 */
public final class DatabaseLimits {
    private final int maxConnections;
    private final int reservedConnections;
    private final Map<String, Integer> connectionsByApplication;
    private final String readerName;

    private DatabaseLimits(int max, int reserved, Map<String, Integer> byApplication, String readerName) {
        this.maxConnections = SizingInputs.range("maxConnections", max, 1, 10_000_000);
        this.reservedConnections = SizingInputs.range("reservedConnections", reserved, 0, max);
        Objects.requireNonNull(byApplication, "connectionsByApplication");
        byApplication.forEach((name, count) -> SizingInputs.range(
                "connections of " + name, Objects.requireNonNull(count, "connection count"), 0, 10_000_000));
        this.connectionsByApplication = Map.copyOf(byApplication);
        this.readerName = readerName;
    }

    /**
     * Known limits, for example from monitoring.
     *
     * @param maxConnections the server's max_connections, at least 1
     * @param reservedConnections slots ordinary users cannot take, 0 to maxConnections
     * @param connectionsByApplication client connections now open, by application name or user
     * @throws IllegalArgumentException when a number is out of range
     */
    public static DatabaseLimits of(
            int maxConnections, int reservedConnections, Map<String, Integer> connectionsByApplication) {
        return new DatabaseLimits(maxConnections, reservedConnections, connectionsByApplication, "");
    }

    /**
     * Reads the limits with one connection from {@code dataSource}. That connection is not counted among the current
     * connections, and its own application name (or user) is remembered as {@link #readerName()}: read through the
     * pool being checked, it names the pool's connections even when the configuration sets no name.
     *
     * @throws SQLException when the database cannot be asked
     * @throws IllegalArgumentException when the database is neither PostgreSQL nor MySQL/MariaDB
     */
    public static DatabaseLimits read(DataSource dataSource) throws SQLException {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            Map<String, Integer> byApp = new LinkedHashMap<>();
            if (product.contains("postgres")) {
                int max = intSetting(s, "SHOW max_connections");
                int reserved = intSetting(s, "SHOW superuser_reserved_connections");
                try (ResultSet r =
                        s.executeQuery("SELECT setting FROM pg_settings WHERE name = 'reserved_connections'")) {
                    reserved += r.next() ? Integer.parseInt(r.getString(1)) : 0;
                }
                collect(
                        s,
                        "SELECT coalesce(application_name, ''), count(*) FROM pg_stat_activity"
                                + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() GROUP BY 1",
                        byApp);
                return new DatabaseLimits(
                        max, reserved, byApp, string(s, "SELECT current_setting('application_name')"));
            }
            if (product.contains("mysql") || product.contains("mariadb")) {
                int max = intSetting(s, "SELECT @@max_connections");
                collect(
                        s,
                        "SELECT user, count(*) FROM information_schema.processlist"
                                + " WHERE id <> CONNECTION_ID() GROUP BY user",
                        byApp);
                // MySQL keeps one extra slot for a SUPER/CONNECTION_ADMIN user beyond max_connections.
                return new DatabaseLimits(max, 0, byApp, string(s, "SELECT SUBSTRING_INDEX(USER(), '@', 1)"));
            }
            throw new IllegalArgumentException("database must be PostgreSQL, MySQL or MariaDB, but was " + product);
        }
    }

    /** The server's max_connections. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Slots ordinary users cannot take (superuser_reserved_connections plus reserved_connections on PostgreSQL 16+). */
    public int reservedConnections() {
        return reservedConnections;
    }

    /** Client connections open now, by application_name (PostgreSQL) or user (MySQL), the reader's own aside. */
    public Map<String, Integer> connectionsByApplication() {
        return connectionsByApplication;
    }

    /** The application name (PostgreSQL) or user (MySQL) of the connection that read these limits; empty from of(). */
    public String readerName() {
        return readerName;
    }

    /** All client connections open now. */
    public int currentConnections() {
        return connectionsByApplication.values().stream()
                .mapToInt(Integer::intValue)
                .sum();
    }

    /** Connections left for {@code application}: max minus reserved minus every other application's connections. */
    public int availableTo(String application) {
        return availableTo(application, Integer.MAX_VALUE);
    }

    /**
     * As {@link #availableTo(String)}, counting at most {@code ownAtMost} of {@code application}'s connections as its
     * own: an application cannot hold more than its pools' sizes, so the rest under the same name (another
     * application that left the driver's default name, say) belongs to someone else.
     */
    int availableTo(String application, int ownAtMost) {
        Objects.requireNonNull(application, "application");
        int own = Math.min(ownAtMost, connectionsByApplication.getOrDefault(application, 0));
        return maxConnections - reservedConnections - (currentConnections() - own);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatabaseLimits l
                && maxConnections == l.maxConnections
                && reservedConnections == l.reservedConnections
                && connectionsByApplication.equals(l.connectionsByApplication)
                && readerName.equals(l.readerName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxConnections, reservedConnections, connectionsByApplication, readerName);
    }

    @Override
    public String toString() {
        return "DatabaseLimits[maxConnections=" + maxConnections + ", reservedConnections=" + reservedConnections
                + ", connectionsByApplication=" + connectionsByApplication + ", readerName=" + readerName + "]";
    }

    private static int intSetting(Statement s, String sql) throws SQLException {
        return Integer.parseInt(string(s, sql).trim());
    }

    private static String string(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            String value = r.getString(1);
            return value == null ? "" : value;
        }
    }

    private static void collect(Statement s, String sql, Map<String, Integer> into) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                String name = r.getString(1);
                into.merge(name == null ? "" : name, r.getInt(2), Integer::sum);
            }
        }
    }
}
