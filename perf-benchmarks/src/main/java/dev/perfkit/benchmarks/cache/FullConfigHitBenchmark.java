package dev.perfkit.benchmarks.cache;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.Loader;
import dev.perfkit.cache.PerfCache;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hit path with the README's full configuration (size bound, expiry with jitter, refresh-ahead with stale-if-error,
 * negative caching, tags, hit counting) beside the Caffeine cache a user would otherwise build:
 * {@code LoadingCache} with expireAfterWrite, refreshAfterWrite and recordStats, and its {@code AsyncLoadingCache}
 * twin for getAsync. Target: perfkit at least 80% of Caffeine's throughput. Every read is a fresh hit.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class FullConfigHitBenchmark {
    private static final int SIZE = 1 << 12;
    private static final int MASK = SIZE - 1;
    private static final Loader<Integer, Integer> NEVER_CALLED = key -> {
        throw new IllegalStateException("a hit-path benchmark must not load, but loaded " + key);
    };

    private final Integer[] keys = new Integer[SIZE];
    private CacheAside<Integer, Integer> perfkit =
            PerfCache.<Integer, Integer>builder().build();
    private LoadingCache<Integer, Integer> caffeine = Caffeine.newBuilder().build(key -> key);
    private AsyncLoadingCache<Integer, Integer> caffeineAsync =
            Caffeine.newBuilder().buildAsync(key -> key);

    /** Per-thread position in the key array. */
    @State(Scope.Thread)
    public static class Cursor {
        int index = (int) (Thread.currentThread().getId() * 0x9E3779B9L);

        int next() {
            return index++ & MASK;
        }
    }

    @Setup
    public void setUp() {
        perfkit = PerfCache.<Integer, Integer>builder()
                .maximumSize(2L * SIZE)
                .expireAfterWrite(Duration.ofMinutes(10))
                .jitter(0.1)
                .refreshAfter(Duration.ofMinutes(1))
                .staleIfError(Duration.ofMinutes(5))
                .negativeTtl(Duration.ofSeconds(30))
                .tagsOf(id -> List.of("users"))
                .recordStats()
                .build();
        caffeine = Caffeine.newBuilder()
                .maximumSize(2L * SIZE)
                .expireAfterWrite(Duration.ofMinutes(10))
                .refreshAfterWrite(Duration.ofMinutes(1))
                .recordStats()
                .build(key -> key);
        caffeineAsync = Caffeine.newBuilder()
                .maximumSize(2L * SIZE)
                .expireAfterWrite(Duration.ofMinutes(10))
                .refreshAfterWrite(Duration.ofMinutes(1))
                .recordStats()
                .buildAsync(key -> key);
        for (int i = 0; i < SIZE; i++) {
            keys[i] = i * 31;
            perfkit.put(keys[i], i);
            caffeine.put(keys[i], i);
            caffeineAsync.put(keys[i], CompletableFuture.completedFuture(i));
        }
    }

    @Benchmark
    public Integer perfkitFullHit(Cursor cursor) {
        return perfkit.get(keys[cursor.next()], NEVER_CALLED);
    }

    @Benchmark
    public Integer baselineFullHit(Cursor cursor) {
        return caffeine.get(keys[cursor.next()]);
    }

    @Benchmark
    public CompletableFuture<Integer> perfkitFullAsyncHit(Cursor cursor) {
        return perfkit.getAsync(keys[cursor.next()], NEVER_CALLED);
    }

    @Benchmark
    public CompletableFuture<Integer> baselineFullAsyncHit(Cursor cursor) {
        return caffeineAsync.get(keys[cursor.next()]);
    }
}
