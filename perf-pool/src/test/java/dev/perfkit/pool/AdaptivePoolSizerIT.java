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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AdaptivePoolSizerIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @Test
    void growsWhileThreadsWaitAndShrinksWhenTheLoadStops() throws Exception {
        HikariConfig config = Pools.preset(PoolPreset.WEB_OLTP, PG.database());
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(10_000);
        AcquisitionStats stats = AcquisitionStats.wrapping(null);
        config.setMetricsTrackerFactory(stats);
        AdaptivePolicy policy = AdaptivePolicy.between(2, 8)
                .timings(Duration.ofMillis(300), Duration.ofMillis(600), Duration.ofMillis(5));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger peakActive = new AtomicInteger();
        List<Thread> load = new ArrayList<>();
        try (HikariDataSource pool = new HikariDataSource(config);
                AdaptivePoolSizer sizer = AdaptivePoolSizer.start(pool, stats, policy, Duration.ofMillis(100))) {
            for (int i = 0; i < 12; i++) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        // pg_sleep does not use CPU, so each extra connection adds throughput and growth is confirmed.
                        try (Connection c = pool.getConnection();
                                Statement s = c.createStatement()) {
                            s.execute("SELECT pg_sleep(0.02)");
                            peakActive.accumulateAndGet(
                                    pool.getHikariPoolMXBean().getActiveConnections(), Math::max);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
                t.start();
                load.add(t);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (pool.getHikariConfigMXBean().getMaximumPoolSize() < 8 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(pool.getHikariConfigMXBean().getMaximumPoolSize())
                    .as(sizer.state().reason())
                    .isEqualTo(8);
            Thread.sleep(500);
            assertThat(peakActive.get()).isGreaterThan(2);

            running.set(false);
            for (Thread t : load) {
                t.join();
            }
            deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (pool.getHikariConfigMXBean().getMaximumPoolSize() > 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(pool.getHikariConfigMXBean().getMaximumPoolSize())
                    .as(sizer.state().reason())
                    .isEqualTo(2);
            assertThat(sizer.state().reason()).contains("shrink to 2");
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        } finally {
            running.set(false);
        }
    }

    @Test
    void aPoolStartedTooLargeUnderASteadySerializedLoadComesDown() throws Exception {
        HikariConfig config = Pools.preset(PoolPreset.WEB_OLTP, PG.database());
        config.setMaximumPoolSize(16);
        config.setMinimumIdle(16);
        config.setConnectionTimeout(10_000);
        AcquisitionStats stats = AcquisitionStats.wrapping(null);
        config.setMetricsTrackerFactory(stats);
        // Judgement windows of 1 s: shorter ones are too noisy on a shared 2-core machine.
        AdaptivePolicy policy = AdaptivePolicy.between(2, 16)
                .timings(Duration.ofMillis(1000), Duration.ofMillis(2000), Duration.ofMillis(5));
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> load = new ArrayList<>();
        List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HikariDataSource pool = new HikariDataSource(config);
                AdaptivePoolSizer sizer = AdaptivePoolSizer.start(pool, stats, policy, Duration.ofMillis(100))) {
            for (int i = 0; i < 16; i++) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        // One advisory lock serializes every transaction: throughput is the same at any pool size, so
                        // extra
                        // connections only queue on the lock, each held longer (busy = throughput x hold time).
                        try (Connection c = pool.getConnection();
                                Statement s = c.createStatement()) {
                            c.setAutoCommit(false);
                            s.execute("SELECT pg_advisory_xact_lock(42), pg_sleep(0.002)");
                            c.commit();
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
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // One state read per poll gives a size with the reason for it: reading the pool's size and then the
            // reason apart once missed the probe's reason when the probe landed between the two reads. The size is
            // applied to the pool before the state that names it is published.
            SizerState seen = sizer.state();
            reasons.add(seen.reason());
            while (seen.size() > 12 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                SizerState now = sizer.state();
                if (!now.reason().equals(seen.reason())) {
                    reasons.add(now.reason());
                }
                seen = now;
            }
            assertThat(pool.getHikariConfigMXBean().getMaximumPoolSize())
                    .as(String.join("\n", reasons))
                    .isLessThanOrEqualTo(12);
            assertThat(reasons).anyMatch(r -> r.contains("busy") && r.contains("probe down to 12"));
            long settle = System.nanoTime() + Duration.ofSeconds(5).toNanos(); // the tick that lowered it is evicting
            while (pool.getHikariPoolMXBean().getTotalConnections()
                            > pool.getHikariConfigMXBean().getMaximumPoolSize()
                    && System.nanoTime() < settle) {
                Thread.sleep(20);
            }
            assertThat(pool.getHikariPoolMXBean().getTotalConnections())
                    .as("the surplus connections are closed, not just the limit lowered")
                    .isLessThanOrEqualTo(pool.getHikariConfigMXBean().getMaximumPoolSize());
            assertThat(load).allMatch(Thread::isAlive);
            running.set(false);
            for (Thread t : load) {
                t.join(); // before the pool closes under them
            }
        } finally {
            running.set(false);
            for (Thread t : load) {
                t.join();
            }
        }
    }
}
