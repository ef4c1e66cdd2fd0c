package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On real PostgreSQL, a workload whose throughput rises with the pool size up to a knee (12 clients, each
 * transaction waits 10 ms in the server, so 12 connections serve them all and more change nothing): the sizer
 * started at 2 and at 16 ends where throughput is within 10% of the best size a sweep found. The knee is sharp on
 * purpose: the machine is shared, and a flat curve would test the noise rather than the sizer (the simulated curves
 * of {@link AdaptiveConvergenceTest} cover smooth maxima deterministically).
 */
class AdaptiveConvergenceIT {
    private static final int CLIENTS = 12;
    private static final List<Integer> SIZES = List.of(2, 4, 8, 12, 16);

    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static void transaction(javax.sql.DataSource ds) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_sleep(0.01)");
        }
    }

    private static HikariDataSource pool(int size, AcquisitionStats stats) {
        HikariConfig config = Pools.preset(PoolPreset.WEB_OLTP, PG.database());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(10_000);
        config.setLeakDetectionThreshold(0);
        config.setMetricsTrackerFactory(stats);
        return new HikariDataSource(config);
    }

    @Test
    void fromBothEndsTheSizerEndsWithinTenPercentOfTheBestSweptSize() throws Exception {
        SortedMap<Integer, Double> swept;
        try (HikariDataSource probe = pool(2, AcquisitionStats.wrapping(null))) {
            swept = ThroughputProbe.measure(
                    probe, CLIENTS, Duration.ofMillis(1500), SIZES, AdaptiveConvergenceIT::transaction);
        }
        Map.Entry<Integer, Double> best =
                swept.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        List<String> report = new ArrayList<>();
        report.add("swept: " + ThroughputProbe.describe(swept));
        for (int start : List.of(2, 16)) {
            AcquisitionStats stats = AcquisitionStats.wrapping(null);
            AdaptivePolicy policy = AdaptivePolicy.between(2, 16)
                    .timings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(5));
            int settled;
            double rate;
            try (HikariDataSource pool = pool(start, stats)) {
                List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
                AtomicBoolean running = new AtomicBoolean(true);
                List<Thread> load = new ArrayList<>();
                try (AdaptivePoolSizer sizer = AdaptivePoolSizer.start(pool, stats, policy, Duration.ofMillis(100))) {
                    for (int i = 0; i < CLIENTS; i++) {
                        Thread t = new Thread(() -> {
                            while (running.get()) {
                                try {
                                    transaction(pool);
                                } catch (Exception e) {
                                    if (running.get()) {
                                        throw new IllegalStateException(e);
                                    }
                                }
                            }
                        });
                        t.start();
                        load.add(t);
                    }
                    String last = "";
                    for (long end = System.nanoTime() + Duration.ofSeconds(25).toNanos(); System.nanoTime() < end; ) {
                        Thread.sleep(100);
                        if (!sizer.state().reason().equals(last)) {
                            last = sizer.state().reason();
                            reasons.add(last);
                        }
                    }
                    settled = sizer.state().size();
                } finally {
                    running.set(false);
                    for (Thread t : load) {
                        t.join();
                    }
                }
                assertThat(load).as("no transaction failed").allMatch(t -> !t.isAlive());
                rate = ThroughputProbe.measure(
                                pool,
                                CLIENTS,
                                Duration.ofMillis(1500),
                                List.of(settled),
                                AdaptiveConvergenceIT::transaction)
                        .get(settled);
                report.add("from " + start + " settled at " + settled + ": " + Math.round(rate) + "/s\n  "
                        + String.join("\n  ", reasons));
            }
            assertThat(rate / best.getValue())
                    .as("best %d at %.0f/s%n%s", best.getKey(), best.getValue(), String.join("\n", report))
                    .isGreaterThanOrEqualTo(0.90);
        }
        System.out.println(String.join("\n", report));
    }
}
