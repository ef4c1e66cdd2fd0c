package dev.perfkit.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Computes a pool size per application instance from database capacity and workload, and says why.
 *
 * <p>The rules, in order: HikariCP's {@code cores x 2 + effective spindles} is what the database can work on
 * at once over all instances; Little's law ({@code busy = throughput x mean hold time}) is what the workload
 * needs, plus 25% headroom so the pool runs at most 80% busy; the smaller wins, since connections beyond the
 * database's concurrency only move the queue into the database. The deadlock floor
 * {@code Tn x (Cm - 1) + 1} then raises the size when requests hold several connections, and the
 * cluster-wide budget (max_connections minus reserved minus other applications, shared by all instances) caps it.
 *
 * <pre>{@code
 * SizingResult r = PoolSizing.recommend(SizingInputs.builder().databaseCores(2).effectiveSpindles(1).build());
 * r.maximumPoolSize(); // 5
 * }</pre>
 */
public final class PoolSizing {
    private PoolSizing() {}

    /**
     * The recommended size and its reasoning.
     *
     * @throws NullPointerException when inputs is null
     */
    public static SizingResult recommend(SizingInputs inputs) {
        Objects.requireNonNull(inputs, "inputs");
        List<String> why = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int n = inputs.applicationInstances();
        int coreRule = inputs.databaseCores() * 2 + inputs.effectiveSpindles();
        int coreShare = ceilDiv(coreRule, n);
        why.add("HikariCP rule: " + inputs.databaseCores() + " cores x 2 + " + inputs.effectiveSpindles()
                + " effective spindles = " + coreRule + " connections the database works on at once"
                + (n > 1 ? ", " + coreShare + " per instance over " + n + " instances" : ""));
        int size = coreShare;
        Duration mean = inputs.meanStatementTime();
        if (mean != null && inputs.targetThroughput() > 0) {
            double busy = inputs.targetThroughput() * seconds(mean);
            int need = (int) Math.ceil(busy / n);
            int aim = Math.max(1, (int) Math.ceil(busy * 1.25 / n));
            why.add(String.format(
                    java.util.Locale.ROOT,
                    "Little's law: %.1f/s x %.1f ms mean hold = %.2f busy connections, %d per instance; +25%% headroom = %d",
                    inputs.targetThroughput(),
                    mean.toNanos() / 1e6,
                    busy,
                    need,
                    aim));
            Duration p99 = inputs.p99StatementTime();
            if (p99 != null) {
                why.add(String.format(
                        java.util.Locale.ROOT,
                        "at the p99 hold time (%.1f ms) the same load keeps %.1f busy;"
                                + " bursts like that wait in the pool for at most about one p99",
                        p99.toNanos() / 1e6,
                        inputs.targetThroughput() * seconds(p99)));
            }
            if (need > coreShare) {
                warnings.add("the target needs " + need
                        + " busy connections per instance but the database serves about " + coreShare
                        + " at once: more connections would only queue inside the database; scale or speed it up");
            }
            size = Math.min(coreShare, aim);
            why.add("smaller of database concurrency and workload need: " + size);
        }
        OptionalInt floor = inputs.deadlockFloor();
        if (floor.isPresent()) {
            why.add("deadlock floor: " + inputs.requestThreads() + " threads x (" + inputs.connectionsPerRequest()
                    + " connections per request - 1) + 1 = " + floor.getAsInt());
            if (floor.getAsInt() > size) {
                size = floor.getAsInt();
                why.add("raised to the deadlock floor: " + size);
            }
        }
        if (inputs.connectionBudget() > 0) {
            int cap = inputs.connectionBudget() / n;
            why.add("cluster-wide cap: " + inputs.connectionBudget() + " connections available / " + n + " instances = "
                    + cap + " per instance");
            if (cap < 1) {
                warnings.add("the database has fewer free connections (" + inputs.connectionBudget()
                        + ") than instances (" + n + "): raise max_connections or put PgBouncer in front");
                cap = 1;
            }
            if (floor.isPresent() && floor.getAsInt() > cap) {
                warnings.add("the deadlock floor " + floor.getAsInt() + " exceeds the per-instance cap " + cap
                        + ": fewer request threads or one connection per request");
            }
            if (size > cap) {
                size = cap;
                why.add("capped to " + size);
            }
        }
        return SizingResult.of(Math.max(1, size), why, warnings);
    }

    /**
     * The smallest measured size whose throughput is within {@code tolerance} of the best measured, e.g. from
     * {@link ThroughputProbe}. This is what to use when the formula's assumptions do not hold, for example when
     * transactions mostly wait for WAL flushes (synchronous_commit on), where concurrency beyond the core count
     * still pays through group commit.
     *
     * @param throughputBySize units of work per second by pool size
     * @param tolerance how much below the best is acceptable, 0 to 0.5 (0.10 = 10%)
     * @throws IllegalArgumentException when the map is empty, a size or rate is invalid, or tolerance is out of range
     */
    public static SizingResult fromMeasurements(Map<Integer, Double> throughputBySize, double tolerance) {
        Objects.requireNonNull(throughputBySize, "throughputBySize");
        if (throughputBySize.isEmpty()) {
            throw new IllegalArgumentException("throughputBySize must hold at least one measurement, but was empty");
        }
        if (!(tolerance >= 0 && tolerance <= 0.5)) {
            throw new IllegalArgumentException("tolerance must be between 0 and 0.5, but was " + tolerance);
        }
        TreeMap<Integer, Double> sorted = new TreeMap<>();
        throughputBySize.forEach((size, rate) -> {
            SettingRules.poolSize(size);
            if (rate == null || !(rate >= 0) || rate.isInfinite()) {
                throw new IllegalArgumentException(
                        "throughput at size " + size + " must be a finite number >= 0, but was " + rate);
            }
            sorted.put(size, rate);
        });
        Map.Entry<Integer, Double> best =
                sorted.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        int chosen = sorted.entrySet().stream()
                .filter(e -> e.getValue() >= best.getValue() * (1 - tolerance))
                .mapToInt(Map.Entry::getKey)
                .min()
                .orElseThrow();
        List<String> why = List.of(
                "measured: " + ThroughputProbe.describe(sorted),
                String.format(
                        java.util.Locale.ROOT,
                        "best: %d at %.0f/s; smallest size within %.0f%% of it: %d (%.0f/s)",
                        best.getKey(),
                        best.getValue(),
                        tolerance * 100,
                        chosen,
                        sorted.get(chosen)));
        return SizingResult.of(chosen, why, List.of());
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
