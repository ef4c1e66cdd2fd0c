package dev.perfkit.benchmarks.redis;

import dev.perfkit.benchmarks.redis.RedisBench.Row;
import dev.perfkit.cache.redis.RedisCache;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
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
 * A second-level hit of a RedisCache (local miss: its local level holds one entry while reads cycle over 1,000
 * keys; the fenced read is one script for the value and its counters, then the fence check and decode) beside a raw
 * Lettuce {@code GET} of the same JSON and a Jackson decode. Target: perfkit at least 0.8x.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RedisL2HitBenchmark {
    private static final int KEYS = 1_000;
    private RedisCache<Long, Row> perfkit;
    private RedisClient client;
    private StatefulRedisConnection<String, byte[]> connection;
    private RedisCommands<String, byte[]> raw;
    private String prefix;
    private int next;

    @Setup
    public void fill() throws Exception {
        String name = RedisBench.name();
        RedisCache<Long, Row> writer = RedisBench.cache(name, 10_000);
        for (long id = 0; id < KEYS; id++) {
            writer.cache().put(id, RedisBench.row(id));
        }
        writer.close();
        perfkit = RedisBench.cache(name, 1);
        client = RedisClient.create(RedisBench.uri());
        connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        raw = connection.sync();
        prefix = "bench-raw:" + name + ":";
        for (long id = 0; id < KEYS; id++) {
            raw.set(prefix + id, RedisBench.JSON.writeValueAsBytes(RedisBench.row(id)));
        }
    }

    @TearDown
    public void close() {
        perfkit.close();
        connection.close();
        client.shutdown();
        if (perfkit.stats().misses() > 0) {
            throw new IllegalStateException("second-level misses in an L2 hit benchmark: " + perfkit.stats());
        }
    }

    @Benchmark
    public @Nullable Row perfkitL2Hit() {
        long id = next++ % KEYS;
        return perfkit.cache().get(id, key -> {
            throw new AssertionError("a second-level hit was expected for " + key);
        });
    }

    @Benchmark
    public Row baselineL2Hit() throws IOException {
        long id = next++ % KEYS;
        return RedisBench.JSON.readValue(raw.get(prefix + id), Row.class);
    }
}
