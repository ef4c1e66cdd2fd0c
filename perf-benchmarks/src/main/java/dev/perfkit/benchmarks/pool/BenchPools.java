package dev.perfkit.benchmarks.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.pool.DatabaseKind;
import dev.perfkit.pool.PoolPreset;
import dev.perfkit.pool.PoolSizing;
import dev.perfkit.pool.SizingInputs;
import dev.perfkit.pool.SizingResult;
import dev.perfkit.pool.ThroughputProbe;
import dev.perfkit.testsupport.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/** Pools for the benchmarks: the web preset at a given size, and perf-pool's recommendation for this machine. */
final class BenchPools {
    private BenchPools() {}

    /**
     * The recommendation for the machine the benchmark runs on: PostgreSQL shares this host, so its cores are
     * this JVM's available processors; storage is one SSD (one effective spindle).
     */
    static SizingResult recommendation() {
        return PoolSizing.recommend(SizingInputs.builder()
                .databaseCores(Runtime.getRuntime().availableProcessors())
                .effectiveSpindles(1)
                .build());
    }

    static final List<Integer> SIZES = List.of(2, 4, 8, 16, 32, 64);

    /**
     * The recommendation from measurements: {@link ThroughputProbe} runs the workload from {@code clients} threads
     * at each swept size on a pool of its own, then {@link PoolSizing#fromMeasurements} picks the smallest size
     * within 10% of the best.
     */
    static SizingResult measuredRecommendation(TestDatabase db, int clients, Duration window)
            throws InterruptedException {
        try (HikariDataSource probe = pool(db, SIZES.get(0), null)) {
            SortedMap<Integer, Double> rates = ThroughputProbe.measure(
                    probe,
                    clients,
                    window,
                    SIZES,
                    ds -> PgbenchWorkload.transaction(
                            ds, ThreadLocalRandom.current().nextLong()));
            return PoolSizing.fromMeasurements(rates, 0.10);
        }
    }

    static HikariDataSource pool(
            TestDatabase db, int size, com.zaxxer.hikari.metrics.@Nullable MetricsTrackerFactory metrics) {
        HikariConfig config = PoolPreset.WEB_OLTP.config(DatabaseKind.POSTGRESQL, db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(30_000);
        config.setLeakDetectionThreshold(0);
        if (metrics != null) {
            config.setMetricsTrackerFactory(metrics);
        }
        return new HikariDataSource(config);
    }
}
