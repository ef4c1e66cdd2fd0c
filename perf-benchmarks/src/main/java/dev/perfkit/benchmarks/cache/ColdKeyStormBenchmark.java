package dev.perfkit.benchmarks.cache;

import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.Loader;
import dev.perfkit.cache.PerfCache;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold-key storm: 64 threads ask for the same missing key at once. perf-cache runs the loader once and every
 * thread gets that value; the baseline, a naive check-then-load cache-aside over a {@link ConcurrentHashMap},
 * runs it once per thread that missed.
 *
 * <p>The loader stands for a query on a database reached through a pool of 4 connections, 200 us per query, so
 * redundant loads queue up as they would in production. One operation is one storm on a fresh key; the teardown
 * throws unless every perfkit storm called the loader exactly once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ColdKeyStormBenchmark {
    private static final int THREADS = 64;
    private static final long QUERY_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final Semaphore connections = new Semaphore(4);
    private final AtomicInteger loaderCalls = new AtomicInteger();
    private final AtomicInteger nextKey = new AtomicInteger();
    private ExecutorService threads = Executors.newFixedThreadPool(1);
    private CacheAside<Integer, String> perfkit =
            PerfCache.<Integer, String>builder().build();
    private ConcurrentHashMap<Integer, String> naive = new ConcurrentHashMap<>();
    private int perfkitStorms;
    private int perfkitWrongStorms;
    private long baselineLoads;
    private int baselineStorms;

    private final Loader<Integer, String> query = key -> {
        loaderCalls.incrementAndGet();
        connections.acquire();
        try {
            LockSupport.parkNanos(QUERY_NANOS);
            return "row-" + key;
        } finally {
            connections.release();
        }
    };

    @Setup(Level.Trial)
    public void startThreads() {
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @Setup(Level.Iteration)
    public void freshCaches() {
        perfkit = PerfCache.<Integer, String>builder().maximumSize(100_000).build();
        naive = new ConcurrentHashMap<>();
    }

    @TearDown(Level.Iteration)
    public void checkOneLoadPerStorm() {
        if (perfkitWrongStorms > 0) {
            throw new IllegalStateException(perfkitWrongStorms + " of " + perfkitStorms
                    + " perfkit storms did not call the loader exactly once");
        }
        if (baselineStorms > 0) {
            System.out.printf("%nbaseline loader calls per storm: %.1f%n", (double) baselineLoads / baselineStorms);
        }
    }

    @TearDown(Level.Trial)
    public void stopThreads() {
        threads.shutdownNow();
    }

    @Benchmark
    public int perfkitStorm() throws Exception {
        int key = nextKey.incrementAndGet();
        int calls = storm(() -> perfkit.get(key, query));
        perfkitStorms++;
        if (calls != 1) {
            perfkitWrongStorms++;
        }
        return calls;
    }

    @Benchmark
    public int baselineStorm() throws Exception {
        int key = nextKey.incrementAndGet();
        int calls = storm(() -> {
            String cached = naive.get(key);
            if (cached == null) {
                cached = query.load(key);
                naive.put(key, cached);
            }
            return cached;
        });
        baselineStorms++;
        baselineLoads += calls;
        return calls;
    }

    /** Releases 64 threads at once on one read; returns how many loader calls it caused. */
    private int storm(java.util.concurrent.Callable<String> read) throws InterruptedException {
        int before = loaderCalls.get();
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(THREADS);
        for (int i = 0; i < THREADS; i++) {
            threads.execute(() -> {
                try {
                    ready.countDown();
                    start.await();
                    if (read.call() == null) {
                        throw new IllegalStateException("a storm read returned null");
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            });
        }
        ready.await();
        start.countDown();
        done.await();
        return loaderCalls.get() - before;
    }
}
