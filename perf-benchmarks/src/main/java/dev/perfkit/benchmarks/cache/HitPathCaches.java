package dev.perfkit.benchmarks.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.Loader;
import dev.perfkit.cache.PerfCache;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The caches of the hit-path benchmarks: a perf-cache and a raw Caffeine cache with the same maximum size and the
 * same keys, each also in a variant that counts hits ({@code recordStats()} on both sides).
 *
 * <p>Modelled on Caffeine's {@code GetPutBenchmark}: a power-of-two key array walked by a per-thread index.
 */
@State(Scope.Benchmark)
public class HitPathCaches {
    static final int SIZE = 1 << 12;
    static final int MASK = SIZE - 1;
    static final Loader<Integer, Integer> NEVER_CALLED = key -> {
        throw new IllegalStateException("a hit-path benchmark must not load, but loaded " + key);
    };

    final Integer[] keys = new Integer[SIZE];
    CacheAside<Integer, Integer> perfkit = PerfCache.<Integer, Integer>builder().build();
    Cache<Integer, Integer> caffeine = Caffeine.newBuilder().build();
    CacheAside<Integer, Integer> perfkitStats =
            PerfCache.<Integer, Integer>builder().build();
    Cache<Integer, Integer> caffeineStats = Caffeine.newBuilder().build();

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
        perfkit = PerfCache.<Integer, Integer>builder().maximumSize(2L * SIZE).build();
        caffeine = Caffeine.newBuilder().maximumSize(2L * SIZE).build();
        perfkitStats = PerfCache.<Integer, Integer>builder()
                .maximumSize(2L * SIZE)
                .recordStats()
                .build();
        caffeineStats =
                Caffeine.newBuilder().maximumSize(2L * SIZE).recordStats().build();
        for (int i = 0; i < SIZE; i++) {
            keys[i] = i * 31;
            perfkit.put(keys[i], i);
            caffeine.put(keys[i], i);
            perfkitStats.put(keys[i], i);
            caffeineStats.put(keys[i], i);
        }
    }
}
