package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.testsupport.PostgresExtension;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LeakReporterStressIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final int THREADS = 16;
    private static final int BORROWS = 200;

    /** Each thread has its own clock, so which holds count as long depends only on the seed, not on scheduling. */
    private static final ThreadLocal<long[]> CLOCK = ThreadLocal.withInitial(() -> new long[1]);

    private static void siteA(DataSource ds, boolean longHold) throws Exception {
        try (Connection c = ds.getConnection()) {
            CLOCK.get()[0] += longHold ? 6_000_000_000L : 1_000_000L;
        }
    }

    private static void siteB(DataSource ds, boolean longHold) throws Exception {
        try (Connection c = ds.getConnection()) {
            CLOCK.get()[0] += longHold ? 6_000_000_000L : 1_000_000L;
        }
    }

    @Test
    void concurrentBorrowersAreCountedExactlyPerSite() throws Exception {
        LeakReporter reporter = LeakReporter.create(Duration.ofSeconds(5), 10, () -> CLOCK.get()[0]);
        HikariConfig config = Pools.preset(PoolPreset.WEB_OLTP, PG.database());
        config.setMaximumPoolSize(4);
        AtomicLong expectedA = new AtomicLong();
        AtomicLong expectedB = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (HikariDataSource pool = new HikariDataSource(config)) {
            DataSource ds = reporter.wrap(pool);
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(1234 + t);
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < BORROWS; i++) {
                            boolean a = random.nextBoolean();
                            boolean longHold = random.nextInt(10) == 0;
                            if (a) {
                                siteA(ds, longHold);
                            } else {
                                siteB(ds, longHold);
                            }
                            if (longHold) {
                                (a ? expectedA : expectedB).incrementAndGet();
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(failure.get()).isNull();
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        }
        List<LeakSite> report = reporter.report();
        assertThat(report).hasSize(2).allMatch(site -> site.openNow() == 0);
        assertThat(report)
                .filteredOn(s -> s.callSite().contains(".siteA("))
                .singleElement()
                .satisfies(s -> assertThat(s.count()).isEqualTo(expectedA.get()));
        assertThat(report)
                .filteredOn(s -> s.callSite().contains(".siteB("))
                .singleElement()
                .satisfies(s -> assertThat(s.count()).isEqualTo(expectedB.get()));
        assertThat(expectedA.get() + expectedB.get()).isPositive();
    }
}
