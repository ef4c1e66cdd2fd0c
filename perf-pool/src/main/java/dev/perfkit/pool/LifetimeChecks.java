package dev.perfkit.pool;

import static dev.perfkit.pool.ConfigChecks.max;
import static dev.perfkit.pool.ConfigChecks.ms;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import java.util.List;

/**
 * The {@link ConfigChecks} about how long connections live: idle cuts against maxLifetime and keepaliveTime, and the
 * settings HikariCP silently turns off because of maxLifetime.
 */
final class LifetimeChecks {
    /** HikariCP tests a connection before lending it when it idled for longer than this (aliveBypassWindowMs). */
    private static final long ALIVE_BYPASS_MS = 500;

    private LifetimeChecks() {}

    static void check(HikariConfig config, CheckContext context, List<Finding> out) {
        Duration life = Duration.ofMillis(config.getMaxLifetime());
        Duration keepalive = Duration.ofMillis(config.getKeepaliveTime());
        Duration leak = Duration.ofMillis(config.getLeakDetectionThreshold());
        Duration idle = Duration.ofMillis(config.getIdleTimeout());
        Duration validation = Duration.ofMillis(config.getValidationTimeout());
        ServerTimeouts server = context.serverTimeouts();
        idleCut(
                out,
                "maxLifetime-vs-idle-session",
                "the database closes sessions idle for",
                server.idleSession(),
                life,
                keepalive,
                "HikariCP finds each closed connection when it tests it before lending it (it tests"
                        + " those idle for over " + ALIVE_BYPASS_MS + " ms), logs a warning and opens a new one:"
                        + " callers wait for a reconnect and the log fills with warnings; no call fails.");
        idleCut(
                out,
                "maxLifetime-vs-network-idle",
                "the network cuts connections idle for",
                context.networkIdleTimeout(),
                life,
                keepalive,
                "a connection the network dropped silently makes"
                        + " HikariCP's test before lending it wait up to validationTimeout (" + ms(validation)
                        + ") before HikariCP replaces it: callers wait that long per dead connection they draw.");
        Duration network = context.networkIdleTimeout();
        Duration tcpIdle = server.tcpKeepalivesIdle();
        if (!network.isZero()
                && (tcpIdle.isZero() || tcpIdle.compareTo(network) >= 0)
                && (keepalive.isZero() || keepalive.compareTo(network) >= 0)) {
            out.add(Finding.of(
                    "tcp-keepalive-vs-network-idle",
                    Severity.WARNING,
                    "keepaliveTime",
                    "neither the server's tcp_keepalives_idle ("
                            + (tcpIdle.isZero() ? "OS default, usually 7200 s" : ms(tcpIdle))
                            + ") nor keepaliveTime sends anything before the network's idle cut (" + ms(network)
                            + "), so idle connections are dropped by the network.",
                    "set keepaliveTime below " + ms(network) + " (and tcp_keepalives_idle on the server)"));
        }
        if (keepalive.isZero()) {
            out.add(Finding.of(
                    "keepalive-off",
                    Severity.INFO,
                    "keepaliveTime",
                    "keepaliveTime is off: an idle connection cut by a firewall or the server is only found when"
                            + " HikariCP tests it before lending it, and replaced then.",
                    "set keepaliveTime to 2-5 min (at least 30 s, below maxLifetime and any idle cut)"));
        } else if (!life.isZero() && keepalive.compareTo(life) >= 0) {
            out.add(Finding.of(
                    "keepalive-above-lifetime",
                    Severity.ERROR,
                    "keepaliveTime",
                    "keepaliveTime (" + ms(keepalive) + ") is not below maxLifetime (" + ms(life)
                            + "): HikariCP silently turns keepalive off.",
                    "set keepaliveTime below maxLifetime, e.g. "
                            + ms(max(life.dividedBy(4), PoolSettings.MIN_LIFETIME))));
        }
        if (leak.isZero()) {
            out.add(Finding.of(
                    "leak-detection-off",
                    Severity.INFO,
                    "leakDetectionThreshold",
                    "leak detection is off: a connection that is never returned is not logged with the code that"
                            + " borrowed it.",
                    "set leakDetectionThreshold a little above the longest normal hold time, e.g. 20 s for web"
                            + " requests"));
        } else if (!life.isZero() && leak.compareTo(life) > 0) {
            out.add(Finding.of(
                    "leak-detection-above-lifetime",
                    Severity.ERROR,
                    "leakDetectionThreshold",
                    "leakDetectionThreshold (" + ms(leak) + ") is above maxLifetime (" + ms(life)
                            + "): HikariCP silently turns leak detection off.",
                    "set leakDetectionThreshold to at most maxLifetime"));
        }
        int min = config.getMinimumIdle() < 0 ? config.getMaximumPoolSize() : config.getMinimumIdle();
        if (!idle.isZero()
                && !life.isZero()
                && min < config.getMaximumPoolSize()
                && idle.plusSeconds(1).compareTo(life) > 0) {
            out.add(Finding.of(
                    "idle-timeout-above-lifetime",
                    Severity.ERROR,
                    "idleTimeout",
                    "idleTimeout (" + ms(idle) + ") is not at least 1000 ms below maxLifetime (" + ms(life)
                            + "): HikariCP silently turns idleTimeout off, so surplus idle connections are never"
                            + " retired early.",
                    "set idleTimeout below " + ms(life.minusSeconds(1))));
        }
    }

    private static void idleCut(
            List<Finding> out,
            String code,
            String what,
            Duration cut,
            Duration life,
            Duration keepalive,
            String effect) {
        if (cut.isZero()) {
            return;
        }
        if (!life.isZero() && life.compareTo(cut.minus(Duration.ofSeconds(30))) <= 0) {
            return;
        }
        boolean keepaliveCovers = !keepalive.isZero() && keepalive.compareTo(cut) < 0;
        Duration suggested = cut.minus(Duration.ofSeconds(30));
        String fix = suggested.compareTo(PoolSettings.MIN_LIFETIME) < 0
                ? "the cut (" + ms(cut) + ") is shorter than any maxLifetime or keepaliveTime HikariCP accepts"
                        + " (30000 ms): raise it to at least 60000 ms for the pool's role or database"
                : "set maxLifetime to " + ms(suggested) + " or less, and keepaliveTime below " + ms(cut);
        String life0 = life.isZero() ? "infinite" : ms(life);
        out.add(Finding.of(
                code,
                keepaliveCovers ? Severity.INFO : Severity.WARNING,
                "maxLifetime",
                "maxLifetime (" + life0 + ") is not at least 30 s shorter than " + what + " " + ms(cut)
                        + (keepaliveCovers
                                ? "; keepaliveTime (" + ms(keepalive) + ") pings idle connections in time."
                                : ", and keepaliveTime does not ping them in time: " + effect),
                fix));
    }
}
