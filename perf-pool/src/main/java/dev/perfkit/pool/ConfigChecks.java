package dev.perfkit.pool;

import com.zaxxer.hikari.HikariConfig;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Checks a HikariCP configuration against the database and network it runs in and returns findings with fixes.
 *
 * <p>Checked: maxLifetime and keepaliveTime against the database's idle cuts (PostgreSQL idle_session_timeout,
 * MySQL wait_timeout) and a network idle cut, with the server's tcp_keepalives_idle; settings HikariCP silently turns
 * off (keepaliveTime not below maxLifetime, leakDetectionThreshold above it, idleTimeout not 1 s below it); leak
 * detection off or above the server's idle-in-transaction cut; connectionTimeout above the request deadline; pool
 * size x instances above what the database accepts.
 *
 * <p>Each finding is rated by what it does (see {@link Severity}), as measured with HikariCP on PostgreSQL: a
 * connection the server closed while idle is not handed to a caller, because HikariCP tests a connection that idled
 * for more than 500 ms before lending it and replaces a dead one; the cost is a reconnect and a warning in the log.
 *
 * <pre>{@code
 * List<Finding> findings = ConfigChecks.checkLive(config, pool,
 *     CheckContext.builder().requestDeadline(Duration.ofSeconds(2)).applicationInstances(3).build());
 * }</pre>
 */
public final class ConfigChecks {

    private ConfigChecks() {}

    /**
     * Reads the server's idle cuts and connection limits through {@code dataSource}, then checks {@code config}.
     *
     * <p>The pool's own connections are not another application's. They are those carrying this application's name:
     * the context's, else the configuration's {@code ApplicationName}, else the name a connection from
     * {@code dataSource} carries (pass the running pool, or a data source that connects the same way), and at most
     * maximumPoolSize x instances of them, since that is all this application can hold.
     *
     * @param dataSource the running pool built from {@code config}, or a data source connecting the same way
     * @param context the rest of what is known; its server timeouts and limits are replaced by the live values
     * @throws SQLException when the database cannot be asked
     */
    public static List<Finding> checkLive(HikariConfig config, DataSource dataSource, CheckContext context)
            throws SQLException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(context, "context");
        String named = context.applicationName().isEmpty() ? applicationName(config) : context.applicationName();
        DatabaseLimits limits = DatabaseLimits.read(dataSource);
        String app = named.isEmpty() ? limits.readerName() : named;
        return check(
                config,
                context.toBuilder()
                        .serverTimeouts(ServerTimeouts.read(dataSource))
                        .databaseLimits(limits, app)
                        .build());
    }

    /** Checks {@code config} against {@code context}; the findings are ordered most severe first. */
    public static List<Finding> check(HikariConfig config, CheckContext context) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(context, "context");
        List<Finding> out = new ArrayList<>();
        LifetimeChecks.check(config, context, out);
        Duration leak = Duration.ofMillis(config.getLeakDetectionThreshold());
        Duration idleTx = context.serverTimeouts().idleInTransaction();
        if (!idleTx.isZero() && (leak.isZero() || leak.compareTo(idleTx) >= 0)) {
            out.add(Finding.of(
                    "leak-detection-vs-idle-in-transaction",
                    Severity.INFO,
                    "leakDetectionThreshold",
                    "the database ends sessions idle in a transaction after " + ms(idleTx)
                            + ", before the pool reports the leaked connection; the caller only sees a closed connection.",
                    "set leakDetectionThreshold below " + ms(idleTx)));
        }
        Duration wait = Duration.ofMillis(config.getConnectionTimeout());
        Duration deadline = context.requestDeadline();
        if (!deadline.isZero() && wait.compareTo(deadline) > 0) {
            out.add(Finding.of(
                    "connection-timeout-above-deadline",
                    Severity.WARNING,
                    "connectionTimeout",
                    "connectionTimeout (" + ms(wait) + ") is above the request deadline (" + ms(deadline)
                            + "): callers wait for a connection after their request has already failed, holding threads.",
                    "set connectionTimeout to at most half the deadline, e.g. "
                            + ms(max(deadline.dividedBy(2), PoolSettings.MIN_TIMEOUT))));
        }
        connectionLimit(config, context, out);
        out.sort((a, b) -> b.severity().compareTo(a.severity()));
        return List.copyOf(out);
    }

    private static void connectionLimit(HikariConfig config, CheckContext context, List<Finding> out) {
        DatabaseLimits limits = context.limits();
        if (limits == null) {
            return;
        }
        int instances = context.applicationInstances();
        int total = config.getMaximumPoolSize() * instances;
        int available = limits.availableTo(context.applicationName(), total);
        if (total > available) {
            out.add(Finding.of(
                    "pool-above-max-connections",
                    Severity.ERROR,
                    "maximumPoolSize",
                    "maximumPoolSize " + config.getMaximumPoolSize() + " x " + instances + " instances = " + total
                            + " connections, but the database accepts " + available + " more (max_connections "
                            + limits.maxConnections() + " - reserved " + limits.reservedConnections()
                            + " - other applications' connections, this application's own counted as '"
                            + context.applicationName() + "').",
                    "set maximumPoolSize to at most " + Math.max(1, available / instances)
                            + ", or put PgBouncer in front, or raise max_connections"));
        }
    }

    private static String applicationName(HikariConfig config) {
        Object name = config.getDataSourceProperties().get("ApplicationName");
        return name == null ? "" : name.toString();
    }

    static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static String ms(Duration d) {
        return d.toMillis() + " ms";
    }
}
