package dev.perfkit.benchmarks.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.perfkit.benchmarks.redis.RedisBench.Row;
import dev.perfkit.cache.redis.RedisCache;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A local hit of a RedisCache (its Caffeine level 1, with the bus attached) beside a raw Caffeine cache holding the
 * same 1,000 entries. Target: perfkit at least 0.8x.
 *
 * <p>The baseline has the same size bound and the same {@code expireAfterWrite} as the RedisCache's local level
 * ({@link RedisBench#LOCAL_TTL}): that is the Caffeine cache a user would otherwise build. Without it the baseline
 * does none of the expiry work (a clock read and the expiry check on every hit) that any expiring cache does; on a
 * 2-core KVM machine that work alone made raw Caffeine about 5x slower on this benchmark (67 to 12-15 ops/us).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RedisL1HitBenchmark {
    private static final int KEYS = 1_000;
    private RedisCache<Long, Row> perfkit;
    private Cache<Long, Row> caffeine;
    private int next;

    @Setup
    public void fill() {
        perfkit = RedisBench.cache(RedisBench.name(), 10_000);
        caffeine = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(RedisBench.LOCAL_TTL)
                .build();
        for (long id = 0; id < KEYS; id++) {
            perfkit.cache().get(id, RedisBench::row);
            var unused = caffeine.get(id, RedisBench::row);
        }
    }

    @TearDown
    public void close() {
        perfkit.close();
    }

    @Benchmark
    public @Nullable Row perfkitL1Hit() {
        long id = next++ % KEYS;
        return perfkit.cache().get(id, key -> {
            throw new AssertionError("a local hit was expected for " + key);
        });
    }

    @Benchmark
    public @Nullable Row baselineL1Hit() {
        long id = next++ % KEYS;
        return caffeine.get(id, key -> {
            throw new AssertionError("a hit was expected for " + key);
        });
    }
}
