package dev.perfkit.benchmarks.redis;

import dev.perfkit.benchmarks.redis.RedisBench.Row;
import dev.perfkit.cache.redis.RedisCache;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
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
import org.redisson.api.RLocalCachedMap;
import org.redisson.api.RedissonClient;

/**
 * How long a receiver serves a stale value after its pub/sub connection is killed: each invocation runs
 * {@code CLIENT KILL TYPE pubsub} (every subscriber on the server loses its connection, so the invalidation sent
 * right after may be lost), writes a new value on instance A, and measures until instance B returns that value.
 * perfkit (default settings: 1 s heartbeat, so its documented window is {@code 3 x 1 s + timeout}) beside
 * Redisson's {@link RLocalCachedMap} with reconnection strategy {@code CLEAR}; with Redisson's default,
 * {@code NONE}, a lost invalidation is never repaired. Single shots; an invocation gives up after 30 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, batchSize = 1)
@Measurement(iterations = 10, batchSize = 1)
@Fork(1)
public class RedisPubSubKillBenchmark {
    private static final long KEY = 7;
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final AtomicLong database = new AtomicLong();
    private RedisCache<Long, Row> perfkitA;
    private RedisCache<Long, Row> perfkitB;
    private RedissonClient redissonA;
    private RedissonClient redissonB;
    private RLocalCachedMap<Long, Row> mapA;
    private RLocalCachedMap<Long, Row> mapB;
    private RedisClient admin;
    private StatefulRedisConnection<String, String> adminConnection;

    @Setup
    public void connect() {
        String name = RedisBench.name();
        perfkitA = RedisBench.cache(name, 1_000);
        perfkitB = RedisBench.cache(name, 1_000);
        redissonA = RedissonBench.client();
        redissonB = RedissonBench.client();
        mapA = RedissonBench.map(redissonA, name + ":redisson", 1_000);
        mapB = RedissonBench.map(redissonB, name + ":redisson", 1_000);
        admin = RedisClient.create(RedisBench.uri());
        adminConnection = admin.connect();
    }

    /** Both receivers hold the current value locally, their subscriptions up again after the last kill. */
    @Setup(Level.Invocation)
    public void settle() {
        Row current = row(database.incrementAndGet());
        perfkitA.cache().put(KEY, current);
        mapA.fastPut(KEY, current);
        waitFor(() -> current.equals(perfkitB.cache().get(KEY, this::load)), "perfkit B to settle");
        waitFor(() -> current.equals(mapB.get(KEY)), "Redisson B to settle");
        waitFor(() -> mapB.getCachedMap().containsKey(KEY), "Redisson B to hold the key locally");
    }

    @TearDown
    public void close() {
        perfkitA.close();
        perfkitB.close();
        redissonA.shutdown();
        redissonB.shutdown();
        adminConnection.close();
        admin.shutdown();
    }

    private Row row(long version) {
        return new Row(KEY, "version " + version, "user@example.com", (int) (version % 100));
    }

    private Row load(Long id) {
        return row(database.get());
    }

    private void killSubscribers() {
        adminConnection.sync().clientKill(KillArgs.Builder.typePubsub());
    }

    @Benchmark
    public void perfkitFreshAfterPubSubKill() {
        killSubscribers();
        Row fresh = row(database.incrementAndGet());
        perfkitA.cache().put(KEY, fresh);
        waitFor(() -> fresh.equals(perfkitB.cache().get(KEY, this::load)), "perfkit B to serve the new value");
    }

    @Benchmark
    public void baselineFreshAfterPubSubKill() {
        killSubscribers();
        Row fresh = row(database.incrementAndGet());
        mapA.fastPut(KEY, fresh);
        waitFor(() -> fresh.equals(mapB.get(KEY)), "Redisson B to serve the new value");
    }

    private static void waitFor(BooleanSupplier fresh, String what) {
        long deadline = System.nanoTime() + GIVE_UP_NANOS;
        while (!fresh.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited 30 s for " + what);
            }
            try {
                Thread.sleep(0, 100_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
