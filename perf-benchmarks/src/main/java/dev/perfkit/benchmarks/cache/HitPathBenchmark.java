package dev.perfkit.benchmarks.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.Loader;
import dev.perfkit.cache.PerfCache;
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
 * The hit path: {@code CacheAside.get} of a present key against raw Caffeine {@code getIfPresent} on an
 * equivalent cache (same maximum size, same keys), with 1 and 2 threads. Target: perfkit at least 80% of Caffeine.
 * The {@code HitStats} pair compares both with hit counting switched on ({@code recordStats()} on each side).
 *
 * <p>Modelled on Caffeine's {@code GetPutBenchmark}: a power-of-two key array walked by a per-thread index.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class HitPathBenchmark {
  private static final int SIZE = 1 << 12;
  private static final int MASK = SIZE - 1;
  private static final Loader<Integer, Integer> NEVER_CALLED = key -> {
    throw new IllegalStateException("a hit-path benchmark must not load, but loaded " + key);
  };

  Integer[] keys = new Integer[SIZE];
  CacheAside<Integer, Integer> perfkit = PerfCache.<Integer, Integer>builder().build();
  Cache<Integer, Integer> caffeine = Caffeine.newBuilder().build();
  CacheAside<Integer, Integer> perfkitStats = PerfCache.<Integer, Integer>builder().build();
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
    perfkitStats = PerfCache.<Integer, Integer>builder().maximumSize(2L * SIZE).recordStats().build();
    caffeineStats = Caffeine.newBuilder().maximumSize(2L * SIZE).recordStats().build();
    for (int i = 0; i < SIZE; i++) {
      keys[i] = i * 31;
      perfkit.put(keys[i], i);
      caffeine.put(keys[i], i);
      perfkitStats.put(keys[i], i);
      caffeineStats.put(keys[i], i);
    }
  }

  @Benchmark
  @Threads(1)
  public Integer perfkitHit1(Cursor cursor) {
    return perfkit.get(keys[cursor.next()], NEVER_CALLED);
  }

  @Benchmark
  @Threads(1)
  public Integer baselineHit1(Cursor cursor) {
    return caffeine.getIfPresent(keys[cursor.next()]);
  }

  @Benchmark
  @Threads(2)
  public Integer perfkitHit2(Cursor cursor) {
    return perfkit.get(keys[cursor.next()], NEVER_CALLED);
  }

  @Benchmark
  @Threads(2)
  public Integer baselineHit2(Cursor cursor) {
    return caffeine.getIfPresent(keys[cursor.next()]);
  }

  @Benchmark
  @Threads(1)
  public Integer perfkitHitStats1(Cursor cursor) {
    return perfkitStats.get(keys[cursor.next()], NEVER_CALLED);
  }

  @Benchmark
  @Threads(1)
  public Integer baselineHitStats1(Cursor cursor) {
    return caffeineStats.getIfPresent(keys[cursor.next()]);
  }
}
