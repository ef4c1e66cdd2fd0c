package dev.perfkit.benchmarks.redis;

import dev.perfkit.benchmarks.redis.RedisBench.Row;
import dev.perfkit.cache.redis.RedisCache;
import java.util.HashMap;
import java.util.Map;
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
import org.redisson.api.RLocalCachedMap;
import org.redisson.api.RedissonClient;

/**
 * Hit throughput with local and Redis hits mixed 90/10, perfkit's {@link RedisCache} beside Redisson's
 * {@link RLocalCachedMap} on the same workload and the same Redis. Nine reads in ten go to 100 hot keys that both
 * hold locally; one in ten goes to a Redis hit: a read through a second instance of each whose local level holds
 * one entry while those reads cycle over 1,000 keys (so it is always a local miss that Redis answers). The
 * values are the same small JSON rows, decoded with Jackson bound to the row type on both sides. Target:
 * perfkit at least 1.0x.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RedisLocalCachedMapBenchmark {
    private static final int HOT = 100;
    private static final int COLD = 1_000;

    private RedisCache<Long, Row> perfkitHot;
    private RedisCache<Long, Row> perfkitCold;
    private RedissonClient redisson;
    private RLocalCachedMap<Long, Row> redissonHot;
    private RLocalCachedMap<Long, Row> redissonCold;
    private int next;

    @Setup
    public void fill() {
        String name = RedisBench.name();
        perfkitHot = RedisBench.cache(name, 10_000);
        perfkitCold = RedisBench.cache(name, 1);
        redisson = RedissonBench.client();
        redissonHot = RedissonBench.map(redisson, name + ":redisson", 10_000);
        redissonCold = RedissonBench.map(redisson, name + ":redisson", 1);
        Map<Long, Row> rows = new HashMap<>();
        for (long id = 0; id < HOT + COLD; id++) {
            Row row = RedisBench.row(id);
            rows.put(id, row);
            perfkitHot.cache().put(id, row); // in Redis and in the hot instance's local level
        }
        redissonHot.putAll(rows);
        for (long id = 0; id < HOT; id++) { // both hot instances hold the hot keys locally
            perfkitHot.cache().get(id, this::unexpected);
            redissonHot.get(id);
        }
        for (long id = HOT; id < HOT + 3; id++) { // the cold instances keep (about) one entry each
            redissonCold.get(id);
        }
        if (redissonCold.getCachedMap().size() > 1) {
            throw new IllegalStateException("Redisson's cold local level holds more than one entry: "
                    + redissonCold.getCachedMap().size());
        }
        if (redissonHot.getCachedMap().size() < HOT) {
            throw new IllegalStateException("Redisson's local level lacks hot keys: "
                    + redissonHot.getCachedMap().size());
        }
    }

    @TearDown
    public void close() {
        long coldMisses = perfkitCold.stats().misses();
        perfkitHot.close();
        perfkitCold.close();
        redisson.shutdown();
        if (coldMisses > 0) {
            throw new IllegalStateException("Redis misses where only hits were expected: " + coldMisses);
        }
    }

    private Row unexpected(Long id) {
        throw new AssertionError("a hit was expected for " + id);
    }

    @Benchmark
    public @Nullable Row perfkitMixedHits() {
        int i = next++;
        if (i % 10 == 9) {
            return perfkitCold.cache().get(HOT + (long) ((i / 10) % COLD), this::unexpected);
        }
        return perfkitHot.cache().get((long) (i % HOT), this::unexpected);
    }

    @Benchmark
    public @Nullable Row baselineMixedHits() {
        int i = next++;
        if (i % 10 == 9) {
            return redissonCold.get(HOT + (long) ((i / 10) % COLD));
        }
        return redissonHot.get((long) (i % HOT));
    }
}
