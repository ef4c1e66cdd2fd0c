package dev.perfkit.pool;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Measures a representative unit of work at several pool sizes on a running pool, for
 * {@link PoolSizing#fromMeasurements}. Run it in staging against a copy of production data: the work really
 * executes, from {@code clients} threads, for {@code window} at each size.
 *
 * <pre>{@code
 * SortedMap<Integer, Double> perSecond = ThroughputProbe.measure(pool, 64, Duration.ofSeconds(3),
 *     List.of(2, 4, 8, 16, 32, 64), ds -> runCheckout(ds));
 * SizingResult result = PoolSizing.fromMeasurements(perSecond, 0.10);
 * }</pre>
 */
public final class ThroughputProbe {
    private ThroughputProbe() {}

    /** One unit of work against the pool, for example one request's transaction. */
    @FunctionalInterface
    public interface Work {
        /** Runs once; an exception counts as a failure and stops the probe. */
        void run(DataSource dataSource) throws Exception;
    }

    /**
     * Sets the pool to each size in turn (ascending; the pool is left at the largest) and measures completed units
     * of work per second after a warm-up of a third of the window.
     *
     * @throws IllegalArgumentException when clients is not 1 to 4096, the window is below 100 ms or a size is not 1 to 10000
     * @throws IllegalStateException when the work fails, with the failure as cause
     * @throws InterruptedException when interrupted while measuring
     */
    public static SortedMap<Integer, Double> measure(
            HikariDataSource pool, int clients, Duration window, List<Integer> sizes, Work work)
            throws InterruptedException {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(work, "work");
        SizingInputs.range("clients", clients, 1, 4096);
        if (Objects.requireNonNull(window, "window").toMillis() < 100) {
            throw new IllegalArgumentException("window must be at least 100 ms, but was " + window.toMillis() + " ms");
        }
        List<Integer> ordered = new ArrayList<>(Objects.requireNonNull(sizes, "sizes"));
        ordered.forEach(SettingRules::poolSize);
        ordered.sort(null);
        LongAdder done = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(
                    () -> {
                        while (running.get() && failure.get() == null) {
                            try {
                                work.run(pool);
                                done.increment();
                            } catch (Exception e) {
                                failure.compareAndSet(null, e);
                            }
                        }
                    },
                    "perfkit-probe-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        SortedMap<Integer, Double> out = new TreeMap<>();
        try {
            for (Thread t : threads) {
                t.start();
            }
            for (int size : ordered) {
                if (size < pool.getHikariConfigMXBean().getMinimumIdle()) {
                    pool.getHikariConfigMXBean().setMinimumIdle(size);
                }
                pool.getHikariConfigMXBean().setMaximumPoolSize(size);
                Thread.sleep(window.toMillis() / 3);
                long before = done.sum();
                long start = System.nanoTime();
                Thread.sleep(window.toMillis());
                out.put(size, (done.sum() - before) / ((System.nanoTime() - start) / 1e9));
                if (failure.get() != null) {
                    throw new IllegalStateException("the probed work failed at pool size " + size, failure.get());
                }
            }
        } finally {
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
        }
        return out;
    }

    static String describe(Map<Integer, Double> perSecond) {
        StringBuilder out = new StringBuilder();
        perSecond.forEach((size, rate) -> out.append(out.length() == 0 ? "" : ", ")
                .append(size)
                .append(": ")
                .append(Math.round(rate))
                .append("/s"));
        return out.toString();
    }
}
