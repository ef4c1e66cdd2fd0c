package dev.perfkit.benchmarks.pool;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.pool.AcquisitionStats;
import dev.perfkit.pool.AdaptivePolicy;
import dev.perfkit.pool.AdaptivePoolSizer;
import dev.perfkit.pool.SizingResult;
import dev.perfkit.testsupport.Postgres;
import dev.perfkit.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints throughput and p99 per pool size for the pgbench-like workload with 64 client threads, the
 * recommendation's result beside the best, and where the adaptive sizer converges when started too small (2) and
 * too large (64), with its throughput there beside the best swept size.
 *
 * <pre>
 * PERFKIT_PG_URL=jdbc:postgresql://127.0.0.1:5432/postgres \
 *   java -cp perf-benchmarks/target/benchmarks.jar dev.perfkit.benchmarks.pool.PoolSweep [seconds [judgeSeconds [runs]]]
 * </pre>
 *
 * <p>{@code runs} (default 1) repeats the adaptive convergence from each end after the one sweep, each from reset
 * tables; each row says whether it settled within 10% of the best swept size's throughput, measured again right after
 * the run (and, for reference, what share of the sweep's figure it reached).
 *
 * <p>The adaptive sizer judges each change over {@code judgeSeconds} (growAfter, default 3), probes down at most
 * every 2 x judgeSeconds (shrinkAfter) and is given 30 x judgeSeconds to settle: longer windows cost convergence
 * time and gain accuracy on a noisy machine.
 *
 * <pre>
 * </pre>
 */
public final class PoolSweep {
    private static final int CLIENTS = 64;

    private PoolSweep() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int judge = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        SizingResult formula = BenchPools.recommendation();
        System.out.print("formula recommendation: " + formula.explain());
        try (TestDatabase db = Postgres.shared().createDatabase("pgsweep")) {
            PgbenchWorkload.create(db.dataSource());
            SizingResult rec = BenchPools.measuredRecommendation(db, CLIENTS, Duration.ofSeconds(2));
            System.out.print("measured recommendation: " + rec.explain());
            List<Integer> sizes = new ArrayList<>(List.of(2, 4, 8, 16, 32, 64));
            for (int extra : List.of(rec.maximumPoolSize(), formula.maximumPoolSize())) {
                if (!sizes.contains(extra)) {
                    sizes.add(extra);
                }
            }
            sizes.sort(null);
            double formulaRate = 0;
            double best = 0;
            int bestSize = 0;
            double recommended = 0;
            System.out.println(" size     tx/s   p50 ms   p99 ms");
            for (int size : sizes) {
                try (HikariDataSource pool = BenchPools.pool(db, size, null)) {
                    run(pool, 3, null);
                    Result r = run(pool, seconds, null);
                    System.out.printf(Locale.ROOT, "%5d %8.0f %8.2f %8.2f%n", size, r.throughput, r.p50, r.p99);
                    if (r.throughput > best) {
                        best = r.throughput;
                        bestSize = size;
                    }
                    if (size == rec.maximumPoolSize()) {
                        recommended = r.throughput;
                    }
                    if (size == formula.maximumPoolSize()) {
                        formulaRate = r.throughput;
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "best %d (%.0f tx/s); recommended %d (%.0f tx/s) = %.1f%% of best%n",
                    bestSize,
                    best,
                    rec.maximumPoolSize(),
                    recommended,
                    100 * recommended / best);
            System.out.printf(
                    Locale.ROOT,
                    "formula (cores x 2 + spindles) %d: %.0f tx/s = %.1f%% of best%n",
                    formula.maximumPoolSize(),
                    formulaRate,
                    100 * formulaRate / best);
            List<String> rows = new ArrayList<>();
            int within = 0;
            for (int run = 1; run <= runs; run++) {
                for (int start : List.of(2, 64)) {
                    PgbenchWorkload.reset(db.dataSource());
                    Converged c = adaptive(db, start, seconds, judge);
                    // The best swept size again, at once, on the database as the adaptive run left it: the machine
                    // and the tables drift over minutes, and the verdict compares sizes, not moments.
                    Result bestNow;
                    try (HikariDataSource pool = BenchPools.pool(db, bestSize, null)) {
                        run(pool, 3, null);
                        bestNow = run(pool, seconds, null);
                    }
                    double share = c.result.throughput / bestNow.throughput;
                    within += share >= 0.9 ? 1 : 0;
                    rows.add(String.format(
                            Locale.ROOT,
                            "%3d %5d %5d %8.0f %8.2f %8.0f %7.1f%% %7.1f%% %s",
                            run,
                            start,
                            c.size,
                            c.result.throughput,
                            c.result.p99,
                            bestNow.throughput,
                            100 * share,
                            100 * c.result.throughput / best,
                            share >= 0.9 ? "within 10%" : "MISSED"));
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "adaptive convergence (best swept: %d at %.0f tx/s): %d of %d runs within 10%% of size %d measured"
                            + " right after the run%n",
                    bestSize,
                    best,
                    within,
                    2 * runs,
                    bestSize);
            System.out.println("run start   end     tx/s   p99 ms  best now  of best now  of sweep best");
            rows.forEach(System.out::println);
        }
    }

    private record Converged(int size, Result result) {}

    /** Runs the sizer from {@code start} for 30 x judge seconds, then measures for {@code seconds} where it ended. */
    private static Converged adaptive(TestDatabase db, int start, int seconds, int judge) throws Exception {
        AcquisitionStats stats = AcquisitionStats.wrapping(null);
        AdaptivePolicy policy = AdaptivePolicy.between(2, 64)
                .timings(Duration.ofSeconds(judge), Duration.ofSeconds(2L * judge), Duration.ofMillis(5));
        try (HikariDataSource pool = BenchPools.pool(db, start, stats);
                AdaptivePoolSizer sizer = AdaptivePoolSizer.start(pool, stats, policy, Duration.ofSeconds(1))) {
            StringBuilder timeline = new StringBuilder();
            List<String> reasons = new ArrayList<>();
            Result settled = run(pool, 30 * judge, second -> {
                timeline.append(sizer.state().size()).append(' ');
                String why = sizer.state().reason();
                if (reasons.isEmpty() || !reasons.get(reasons.size() - 1).endsWith(why)) {
                    reasons.add(second + "s " + why);
                }
            });
            System.out.println("adaptive from " + start + ", size each second: "
                    + timeline.toString().trim());
            reasons.forEach(r -> System.out.println("  " + r));
            Result r = run(pool, seconds, null);
            System.out.printf(
                    Locale.ROOT,
                    "adaptive settled at %d (%s): %.0f tx/s, p99 %.2f ms (first %d s: %.0f tx/s)%n",
                    sizer.state().size(),
                    sizer.state().reason(),
                    r.throughput,
                    r.p99,
                    30 * judge,
                    settled.throughput);
            return new Converged(sizer.state().size(), r);
        }
    }

    private record Result(double throughput, double p50, double p99) {}

    private static Result run(
            HikariDataSource pool,
            int seconds,
            java.util.function.@org.jspecify.annotations.Nullable IntConsumer everySecond)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[CLIENTS][];
        int[] counts = new int[CLIENTS];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int id = i;
            Thread t = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(id);
                long[] mine = new long[1 << 16];
                int n = 0;
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        PgbenchWorkload.transaction(pool, random);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - start;
                }
                latencies[id] = mine;
                counts[id] = n;
            });
            t.start();
            threads.add(t);
        }
        long begin = System.nanoTime();
        for (int s = 0; s < seconds; s++) {
            Thread.sleep(1000);
            if (everySecond != null) {
                everySecond.accept(s);
            }
        }
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < CLIENTS; i++) {
            System.arraycopy(latencies[i], 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        if (errors.get() > 0) {
            System.out.println("  (" + errors.get() + " failed transactions)");
        }
        return new Result(
                total / elapsed,
                all.length == 0 ? 0 : all[all.length / 2] / 1e6,
                all.length == 0 ? 0 : all[(int) (all.length * 0.99)] / 1e6);
    }
}
