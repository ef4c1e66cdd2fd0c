package dev.perfkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.db.plan.ExplainDialect;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Scheduling only: the DataSource refuses connections, so each capture attempt is counted and fails. */
class PlanCapturerTest {
    private final AtomicInteger attempts = new AtomicInteger();
    private final DataSource refusing = (DataSource)
            Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (p, m, a) -> {
                attempts.incrementAndGet();
                throw new SQLException("refused");
            });

    @Test
    void manyThreadsSlowOnOneFingerprintCaptureItOncePerInterval() throws Exception {
        AtomicLong now = new AtomicLong();
        long interval = TimeUnit.MINUTES.toNanos(1);
        PlanCapturer capturer =
                new PlanCapturer(refusing, ExplainDialect.postgres(), interval, now::get, QueryEventListener.NONE);
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(7 + t);
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 2_000; i++) {
                    capturer.maybeCapture("fp" + (random.nextInt(10) == 0 ? "-b" : "-a"), "select 1");
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        now.addAndGet(interval - 1);
        capturer.maybeCapture("fp-a", "select 1");
        now.addAndGet(1);
        capturer.maybeCapture("fp-a", "select 1");
        pool.shutdown();
        assertThat(capturer.drain(10_000)).isTrue();
        assertThat(attempts.get()).isEqualTo(3);
    }
}
