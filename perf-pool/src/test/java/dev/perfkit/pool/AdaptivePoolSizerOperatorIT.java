package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.testsupport.PostgresExtension;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sizer on a real pool on real PostgreSQL respects what the operator set, and its tick never borrows or waits. */
class AdaptivePoolSizerOperatorIT {
    private static final long S = 1_000_000_000L;

    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private final AtomicLong clock = new AtomicLong();
    private final AcquisitionStats stats = AcquisitionStats.wrapping(null);

    private HikariDataSource pool(int max, int minIdle) {
        HikariConfig config = Pools.preset(PoolPreset.WEB_OLTP, PG.database());
        config.setMaximumPoolSize(max);
        config.setMinimumIdle(minIdle);
        config.setConnectionTimeout(10_000);
        config.setMetricsTrackerFactory(stats);
        return new HikariDataSource(config);
    }

    /** Probes down as soon as the pool has been fully busy for shrinkAfter. */
    private static final AdaptivePolicy POLICY =
            AdaptivePolicy.between(2, 16).timings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(5));

    @Test
    void closeRestoresTheMinimumIdleItFound() {
        try (HikariDataSource pool = pool(8, 6)) {
            AdaptivePoolSizer sizer = AdaptivePoolSizer.manual(pool, stats, POLICY, clock::get);
            assertThat(pool.getHikariConfigMXBean().getMinimumIdle())
                    .as("held at minSize while running")
                    .isEqualTo(2);
            sizer.tick();
            sizer.close();
            assertThat(pool.getHikariConfigMXBean().getMinimumIdle()).isEqualTo(6);
        }
    }

    @Test
    void aMinimumIdleTheOperatorSetMeanwhileIsLeftAlone() {
        try (HikariDataSource pool = pool(8, 6)) {
            AdaptivePoolSizer sizer = AdaptivePoolSizer.manual(pool, stats, POLICY, clock::get);
            pool.getHikariConfigMXBean().setMinimumIdle(3);
            sizer.close();
            assertThat(pool.getHikariConfigMXBean().getMinimumIdle()).isEqualTo(3);
        }
    }

    @Test
    void anOutsideChangeOfTheSizePausesTheSizerUntilResumed() throws Exception {
        try (HikariDataSource pool = pool(8, 8);
                AdaptivePoolSizer sizer = AdaptivePoolSizer.manual(pool, stats, POLICY, clock::get)) {
            List<Connection> held = hold(pool, 8); // fully busy: the policy wants to probe down
            try {
                pool.getHikariConfigMXBean().setMaximumPoolSize(5); // the operator, through JMX
                for (int t = 1; t <= 20; t++) {
                    clock.set(t * S);
                    sizer.tick();
                    assertThat(pool.getHikariConfigMXBean().getMaximumPoolSize())
                            .as(sizer.state().reason())
                            .isEqualTo(5);
                }
                assertThat(sizer.state().reason()).contains("paused").contains("from 8 to 5");
                assertThat(sizer.state().size()).isEqualTo(5);
                sizer.resume();
                assertThat(sizer.state().reason()).isEqualTo("start at 5");
            } finally {
                release(held);
            }
        }
    }

    @Test
    void aShrinkOfABusyPoolNeitherBorrowsNorWaitsAndClosesTheSurplusOnReturn() throws Exception {
        try (HikariDataSource pool = pool(8, 8);
                AdaptivePoolSizer sizer = AdaptivePoolSizer.manual(pool, stats, POLICY, clock::get)) {
            List<Connection> held = hold(pool, 8);
            AcquisitionStats.Snapshot before = stats.snapshot();
            long slowest = 0;
            try {
                for (int t = 1; t <= 4 && pool.getHikariConfigMXBean().getMaximumPoolSize() == 8; t++) {
                    clock.set(t * S);
                    long start = System.nanoTime();
                    sizer.tick();
                    slowest = Math.max(slowest, System.nanoTime() - start);
                }
                assertThat(pool.getHikariConfigMXBean().getMaximumPoolSize())
                        .as(sizer.state().reason())
                        .isEqualTo(6);
                assertThat(slowest / 1_000_000)
                        .as("ms in the slowest tick, all 8 connections held")
                        .isLessThan(1_000);
                assertThat(stats.snapshot().acquisitions())
                        .as("the sizer borrowed nothing")
                        .isEqualTo(before.acquisitions());
                assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(8);
            } finally {
                release(held);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (pool.getHikariPoolMXBean().getTotalConnections() > 6 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isLessThanOrEqualTo(6);
            assertThat(stats.snapshot().returns() - before.returns()).isEqualTo(8);
        }
    }

    private static List<Connection> hold(HikariDataSource pool, int n) throws Exception {
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            held.add(pool.getConnection());
        }
        return held;
    }

    private static void release(List<Connection> held) throws Exception {
        for (Connection c : held) {
            c.close();
        }
    }
}
