package dev.perfkit.pool;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
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
 *
 * @param maxConnections the server's max_connections
 * @param reservedConnections slots ordinary users cannot take (superuser_reserved_connections plus
 *     reserved_connections on PostgreSQL 16+)
 * @param connectionsByApplication client connections now open, by application_name (PostgreSQL) or user (MySQL)
 */
public record DatabaseLimits(
        int maxConnections, int reservedConnections, Map<String, Integer> connectionsByApplication) {

    /** Copies the map. */
    public DatabaseLimits {
        connectionsByApplication = Map.copyOf(connectionsByApplication);
    }

    /**
     * Reads the limits with one borrowed connection (which counts itself among the current connections).
     *
     * @throws SQLException when the database cannot be asked
     * @throws IllegalArgumentException when the database is neither PostgreSQL nor MySQL/MariaDB
     */
    public static DatabaseLimits read(DataSource dataSource) throws SQLException {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
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
                                + " WHERE backend_type = 'client backend' GROUP BY 1",
                        byApp);
                return new DatabaseLimits(max, reserved, byApp);
            }
            if (product.contains("mysql") || product.contains("mariadb")) {
                int max = intSetting(s, "SELECT @@max_connections");
                collect(s, "SELECT user, count(*) FROM information_schema.processlist GROUP BY user", byApp);
                // MySQL keeps one extra slot for a SUPER/CONNECTION_ADMIN user beyond max_connections.
                return new DatabaseLimits(max, 0, byApp);
            }
            throw new IllegalArgumentException("database must be PostgreSQL, MySQL or MariaDB, but was " + product);
        }
    }

    /** All client connections open now. */
    public int currentConnections() {
        return connectionsByApplication.values().stream()
                .mapToInt(Integer::intValue)
                .sum();
    }

    /** Connections left for {@code application}: max minus reserved minus every other application's connections. */
    public int availableTo(String application) {
        Objects.requireNonNull(application, "application");
        int others = currentConnections() - connectionsByApplication.getOrDefault(application, 0);
        return maxConnections - reservedConnections - others;
    }

    private static int intSetting(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return Integer.parseInt(r.getString(1).trim());
        }
    }

    private static void collect(Statement s, String sql, Map<String, Integer> into) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                into.merge(r.getString(1) == null ? "" : r.getString(1), r.getInt(2), Integer::sum);
            }
        }
    }
}
