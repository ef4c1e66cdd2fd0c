package dev.perfkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.cache.redis.RedisCache;
import dev.perfkit.cache.redis.RedisCodecs;
import dev.perfkit.testsupport.Redis;
import dev.perfkit.testsupport.RedisProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The Redis tier's meters, read from two real RedisCache instances on a real Redis. */
class RedisCacheMetricsIT {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    private static <V> RedisCache<Long, V> cache(String uri, String name, Class<V> type) {
        return RedisCache.<Long, V>builder()
                .redis(uri)
                .name(name)
                .keys(String::valueOf, Long::valueOf)
                .values(RedisCodecs.json(type))
                .local(local -> local.maximumSize(100))
                .build();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void l2HitsMissesDecodeFailuresAndInvalidationMessagesAreCounted() throws Exception {
        String uri = Redis.shared().uri();
        String name = "metrics-" + UUID.randomUUID();
        try (RedisCache<Long, String> a = cache(uri, name, String.class);
                RedisCache<Long, String> b = cache(uri, name, String.class);
                RedisCache<Long, Integer> foreign = cache(uri, name, Integer.class)) {
            RedisCacheMetrics.of("a", a).bindTo(registry);
            RedisCacheMetrics.of("b", b).bindTo(registry);
            RedisCacheMetrics.of("foreign", foreign).bindTo(registry);

            a.cache().get(1L, id -> "ada"); // L2 miss, load, write-back (asynchronous)
            await(() -> a.stats().bytesWritten() > 0);
            b.cache().get(1L, id -> "never"); // L2 hit
            foreign.cache().get(1L, id -> 7); // the stored JSON string is no Integer: decode failure
            a.cache().invalidate(1L);
            await(() -> b.stats().invalidationsReceived() >= 1);

            assertThat(count("perfkit.cache.redis.gets", "cache", "a", "result", "miss"))
                    .isEqualTo(1);
            assertThat(count("perfkit.cache.redis.gets", "cache", "b", "result", "hit"))
                    .isEqualTo(1);
            assertThat(count("perfkit.cache.redis.decode.failures", "cache", "foreign"))
                    .isEqualTo(1);
            assertThat(count("perfkit.cache.redis.invalidations", "cache", "a", "direction", "sent"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(count("perfkit.cache.redis.invalidations", "cache", "b", "direction", "received"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(count("perfkit.cache.redis.errors", "cache", "a")).isZero();
            assertThat(count("perfkit.cache.redis.bytes", "cache", "a", "direction", "written"))
                    .isPositive();
        }
    }

    @Test
    void clusterSingleFlightLocksAreCountedByResult() throws Exception {
        String uri = Redis.shared().uri();
        try (RedisCache<Long, String> locked = RedisCache.<Long, String>builder()
                .redis(uri)
                .name("metrics-locks-" + UUID.randomUUID())
                .keys(String::valueOf, Long::valueOf)
                .values(RedisCodecs.json(String.class))
                .local(local -> local.maximumSize(100))
                .clusterSingleFlight(Duration.ofSeconds(5), Duration.ofSeconds(2))
                .build()) {
            RedisCacheMetrics.of("locked", locked).bindTo(registry);
            locked.cache().get(1L, id -> "ada"); // a miss in both levels: the lock is taken before the loader
            assertThat(count("perfkit.cache.redis.locks", "cache", "locked", "result", "taken"))
                    .isEqualTo(1);
            for (String result : new String[] {"waited", "timed_out", "failed"}) {
                assertThat(count("perfkit.cache.redis.locks", "cache", "locked", "result", result))
                        .isZero();
            }
        }
    }

    @Test
    void aDroppedSubscriptionShowsAsAnL1FlushByCauseResubscribe() throws Exception {
        // A private server: killing pub/sub clients on the shared one would disturb other tests.
        try (RedisProcess redis = Redis.startPrivate();
                RedisCache<Long, String> cache = cache(redis.uri(), "flush", String.class);
                RedisClient admin = RedisClient.create(redis.uri());
                StatefulRedisConnection<String, String> c = admin.connect()) {
            RedisCacheMetrics.of("flush", cache).bindTo(registry);
            cache.cache().get(1L, id -> "x");
            c.sync().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());
            await(() -> cache.stats().resubscribes() >= 1);
            assertThat(count("perfkit.cache.redis.l1.flushes", "cache", "flush", "cause", "resubscribe"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(count("perfkit.cache.redis.l1.flushes", "cache", "flush", "cause", "sequence_gap"))
                    .isZero();
        }
    }
}
