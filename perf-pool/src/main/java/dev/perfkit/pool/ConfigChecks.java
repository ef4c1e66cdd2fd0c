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
 * MySQL wait_timeout) and a network idle cut, with the server's tcp_keepalives_idle; leak detection off, or above maxLifetime (HikariCP then silently
 * turns it off), or above the server's idle-in-transaction cut; keepaliveTime off or not below maxLifetime;
 * connectionTimeout above the request deadline; pool size x instances above what the database accepts.
 *
 * <pre>{@code
 * List<Finding> findings = ConfigChecks.checkLive(config, dataSource,
 *     CheckContext.builder().requestDeadline(Duration.ofSeconds(2)).applicationInstances(3).build());
 * }</pre>
 */
public final class ConfigChecks {
    private static final Duration MARGIN = Duration.ofSeconds(30);

    private ConfigChecks() {}

    /**
     * Reads the server's idle cuts and connection limits through {@code dataSource}, then checks {@code config}.
     *
     * @param context the rest of what is known; its server timeouts and limits are replaced by the live values
     * @throws SQLException when the database cannot be asked
     */
    public static List<Finding> checkLive(HikariConfig config, DataSource dataSource, CheckContext context)
            throws SQLException {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(context, "context");
        String app = context.applicationName().isEmpty() ? applicationName(config) : context.applicationName();
        return check(
                config,
                new CheckContext(
                        ServerTimeouts.read(dataSource),
                        context.networkIdleTimeout(),
                        context.requestDeadline(),
                        context.applicationInstances(),
                        DatabaseLimits.read(dataSource),
                        app));
    }

    /** Checks {@code config} against {@code context}; the findings are ordered most severe first. */
    public static List<Finding> check(HikariConfig config, CheckContext context) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(context, "context");
        List<Finding> out = new ArrayList<>();
        Duration life = Duration.ofMillis(config.getMaxLifetime());
        Duration keepalive = Duration.ofMillis(config.getKeepaliveTime());
        Duration leak = Duration.ofMillis(config.getLeakDetectionThreshold());
        ServerTimeouts server = context.serverTimeouts();
        idleCut(
                out,
                "maxLifetime-vs-idle-session",
                "the database closes sessions idle for",
                server.idleSession(),
                life,
                keepalive);
        idleCut(
                out,
                "maxLifetime-vs-network-idle",
                "the network cuts connections idle for",
                context.networkIdleTimeout(),
                life,
                keepalive);
        Duration network = context.networkIdleTimeout();
        Duration tcpIdle = server.tcpKeepalivesIdle();
        if (!network.isZero()
                && (tcpIdle.isZero() || tcpIdle.compareTo(network) >= 0)
                && (keepalive.isZero() || keepalive.compareTo(network) >= 0)) {
            out.add(new Finding(
                    "tcp-keepalive-vs-network-idle",
                    Severity.WARNING,
                    "keepaliveTime",
                    "neither the server's"
                            + " tcp_keepalives_idle (" + (tcpIdle.isZero() ? "OS default, usually 7200 s" : ms(tcpIdle))
                            + ") nor keepaliveTime sends anything before the network's idle cut (" + ms(network) + ").",
                    "set keepaliveTime below " + ms(network) + " (and tcp_keepalives_idle on the server)"));
        }
        if (keepalive.isZero()) {
            out.add(new Finding(
                    "keepalive-off",
                    Severity.WARNING,
                    "keepaliveTime",
                    "keepaliveTime is off: an idle"
                            + " connection cut by a firewall or the server is only found when a caller borrows it.",
                    "set keepaliveTime to 2-5 min (at least 30 s, below maxLifetime and any idle cut)"));
        } else if (!life.isZero() && keepalive.compareTo(life) >= 0) {
            out.add(new Finding(
                    "keepalive-above-lifetime",
                    Severity.ERROR,
                    "keepaliveTime",
                    "keepaliveTime (" + ms(keepalive) + ") is not below maxLifetime (" + ms(life)
                            + "): HikariCP turns keepalive off.",
                    "set keepaliveTime below maxLifetime, e.g. "
                            + ms(
                                    life.dividedBy(4).compareTo(Duration.ofSeconds(30)) < 0
                                            ? Duration.ofSeconds(30)
                                            : life.dividedBy(4))));
        }
        if (leak.isZero()) {
            out.add(
                    new Finding(
                            "leak-detection-off",
                            Severity.WARNING,
                            "leakDetectionThreshold",
                            "leak detection is off:"
                                    + " a connection that is never returned goes unnoticed until the pool runs dry.",
                            "set leakDetectionThreshold a little above the longest normal hold time, e.g. 20 s for web requests"));
        } else if (!life.isZero() && leak.compareTo(life) >= 0) {
            out.add(new Finding(
                    "leak-detection-above-lifetime",
                    Severity.ERROR,
                    "leakDetectionThreshold",
                    "leakDetectionThreshold (" + ms(leak) + ") is not below maxLifetime (" + ms(life)
                            + "): HikariCP silently turns leak detection off.",
                    "set leakDetectionThreshold below maxLifetime"));
        }
        Duration idleTx = server.idleInTransaction();
        if (!idleTx.isZero() && (leak.isZero() || leak.compareTo(idleTx) >= 0)) {
            out.add(new Finding(
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
            out.add(new Finding(
                    "connection-timeout-above-deadline",
                    Severity.WARNING,
                    "connectionTimeout",
                    "connectionTimeout (" + ms(wait) + ") is above the request deadline (" + ms(deadline)
                            + "): callers wait for a connection after their request has already failed, holding threads.",
                    "set connectionTimeout to at most half the deadline, e.g. "
                            + ms(max(deadline.dividedBy(2), PoolSettings.MIN_TIMEOUT))));
        }
        DatabaseLimits limits = context.limits();
        if (limits != null) {
            int total = config.getMaximumPoolSize() * context.applicationInstances();
            int available = limits.availableTo(context.applicationName());
            if (total > available) {
                out.add(new Finding(
                        "pool-above-max-connections",
                        Severity.ERROR,
                        "maximumPoolSize",
                        "maximumPoolSize "
                                + config.getMaximumPoolSize() + " x " + context.applicationInstances() + " instances = "
                                + total
                                + " connections, but the database accepts " + available + " more (max_connections "
                                + limits.maxConnections()
                                + " - reserved " + limits.reservedConnections()
                                + " - other applications' connections).",
                        "set maximumPoolSize to at most " + Math.max(1, available / context.applicationInstances())
                                + ", or put PgBouncer in front, or raise max_connections"));
            }
        }
        out.sort((a, b) -> b.severity().compareTo(a.severity()));
        return List.copyOf(out);
    }

    private static void idleCut(
            List<Finding> out, String code, String what, Duration cut, Duration life, Duration keepalive) {
        if (cut.isZero()) {
            return;
        }
        boolean lifeCovers = !life.isZero() && life.compareTo(cut.minus(MARGIN)) <= 0;
        if (lifeCovers) {
            return;
        }
        boolean keepaliveCovers = !keepalive.isZero() && keepalive.compareTo(cut) < 0;
        Duration suggested = max(cut.minus(MARGIN), PoolSettings.MIN_LIFETIME);
        out.add(new Finding(
                code,
                keepaliveCovers ? Severity.INFO : Severity.ERROR,
                "maxLifetime",
                "maxLifetime (" + (life.isZero() ? "infinite" : ms(life)) + ") is not at least 30 s shorter than "
                        + what + " "
                        + ms(cut)
                        + (keepaliveCovers
                                ? "; keepaliveTime (" + ms(keepalive) + ") pings idle connections in time."
                                : ", and keepaliveTime does not ping them in time: callers will get dead connections."),
                "set maxLifetime to " + ms(suggested) + " or less, and keepaliveTime below " + ms(cut)));
    }

    private static String applicationName(HikariConfig config) {
        Object name = config.getDataSourceProperties().get("ApplicationName");
        return name == null ? "" : name.toString();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String ms(Duration d) {
        return d.toMillis() + " ms";
    }
}
