package dev.perfkit.benchmarks.redis;

import dev.perfkit.benchmarks.redis.RedisBench.Row;
import dev.perfkit.cache.redis.RedisCache;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Invalidation propagation between two instances on loopback: {@code perfkit} invalidates a key on instance A (the
 * fenced Redis invalidation, then the message) and waits until instance B no longer holds it locally; the baseline
 * is a raw Lettuce {@code PUBLISH} and the wait for its delivery on a second connection. Sampled, so JMH reports
 * p50 and p99 (target p99 under 5 ms).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RedisPropagationBenchmark {
    private RedisCache<Long, Row> a;
    private RedisCache<Long, Row> b;
    private RedisClient client;
    private StatefulRedisConnection<String, String> publisher;
    private StatefulRedisPubSubConnection<String, String> subscriber;
    private final AtomicLong delivered = new AtomicLong();
    private long sent;
    private String channel = "";
    private final long key = 42;

    @Setup
    public void connect() {
        String name = RedisBench.name();
        a = RedisBench.cache(name, 1_000);
        b = RedisBench.cache(name, 1_000);
        client = RedisClient.create(RedisBench.uri());
        publisher = client.connect();
        subscriber = client.connectPubSub();
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                delivered.set(Long.parseLong(message));
            }
        });
        channel = "bench-raw:" + name;
        subscriber.sync().subscribe(channel);
    }

    @Setup(Level.Invocation)
    public void cacheOnB() {
        b.cache().get(key, RedisBench::row);
    }

    @TearDown
    public void close() {
        a.close();
        b.close();
        subscriber.close();
        publisher.close();
        client.shutdown();
    }

    @Benchmark
    public void perfkitPropagation() {
        a.cache().invalidate(key);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (b.cache().getIfPresent(key) != null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("B still holds the key 5 s after A invalidated it");
            }
            Thread.onSpinWait();
        }
    }

    @Benchmark
    public void baselinePropagation() {
        long mine = ++sent;
        publisher.sync().publish(channel, Long.toString(mine));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (delivered.get() < mine) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("message " + mine + " not delivered within 5 s");
            }
            Thread.onSpinWait();
        }
    }
}
