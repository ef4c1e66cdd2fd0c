package dev.perfkit.benchmarks.cache;

import dev.perfkit.benchmarks.cache.HitPathCaches.Cursor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hit path, one thread, with hit counting on both sides: {@code CacheAside.get} of a present key against raw Caffeine {@code getIfPresent} on an
 * equivalent cache. Target: perfkit at least 80% of Caffeine's throughput. One class per pair, so the two methods
 * run back to back and share the machine's conditions.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@Threads(1)
public class HitPathStatsBenchmark {
    @Benchmark
    public Integer perfkitHitStats1(HitPathCaches caches, Cursor cursor) {
        return caches.perfkitStats.get(caches.keys[cursor.next()], HitPathCaches.NEVER_CALLED);
    }

    @Benchmark
    public Integer baselineHitStats1(HitPathCaches caches, Cursor cursor) {
        return caches.caffeineStats.getIfPresent(caches.keys[cursor.next()]);
    }
}
