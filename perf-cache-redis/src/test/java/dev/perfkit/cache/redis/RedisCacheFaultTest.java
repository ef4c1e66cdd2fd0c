package dev.perfkit.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.testsupport.Redis;
import dev.perfkit.testsupport.RedisProcess;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults of a private redis-server under two whole caches: after each, no instance serves a value older than the
 * latest write once the documented window ({@code 3 x heartbeat + timeout}) has passed, and no get ever throws.
 */
class RedisCacheFaultTest {
    static final Duration HEARTBEAT = Duration.ofMillis(100);
    static final Duration TIMEOUT = Duration.ofMillis(200);
    /** The staleness window of RedisCache's Javadoc, with room for a loaded machine. */
    static final Duration WINDOW = HEARTBEAT.multipliedBy(3).plus(TIMEOUT);

    private final Map<String, String> database = new ConcurrentHashMap<>();
    private RedisProcess redis;
    private String name;

    @BeforeEach
    void start() {
        redis = Redis.startPrivate();
        name = "faults-" + UUID.randomUUID();
    }

    @AfterEach
    void stop() {
        redis.close();
    }

    static RedisCache<String, String> cache(String uri, String name) {
        return RedisCache.<String, String>builder()
                .redis(uri)
                .name(name)
                .keys(k -> k, k -> k)
                .values(RedisCodecs.json(String.class))
                .heartbeat(HEARTBEAT)
                .timeout(TIMEOUT)
                .local(local -> local.expireAfterWrite(Duration.ofMinutes(10)))
                .build();
    }

    private RedisCache<String, String> cache() {
        return cache(redis.uri(), name);
    }

    private String read(RedisCache<String, String> cache, String key) {
        return cache.cache().get(key, k -> database.get(k));
    }

    /** The application's write: the row changes, then the cache is told. */
    private void write(RedisCache<String, String> cache, String key, String value) {
        database.put(key, value);
        cache.cache().invalidate(key);
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis() + 200); // the window plus scheduling slack on a loaded machine
    }

    @Test
    void aRestartOfRedisLosesNoInvalidation() throws Exception {
        try (RedisCache<String, String> a = cache();
                RedisCache<String, String> b = cache()) {
            database.put("k", "v1");
            assertThat(read(b, "k")).isEqualTo("v1");
            redis.stop();
            write(a, "k", "v2"); // Redis is down: neither the counter nor the message gets through
            sleep(WINDOW);
            assertThat(read(b, "k"))
                    .as("b flushed its local level on the silence")
                    .isEqualTo("v2");
            redis.start(); // empty: the counters are gone too
            sleep(WINDOW);
            assertThat(read(b, "k")).isEqualTo("v2");
            write(a, "k", "v3");
            sleep(WINDOW);
            assertThat(read(b, "k")).isEqualTo("v3");
            assertThat(b.stats().silences() + b.stats().resubscribes()).isPositive();
        }
    }

    @Test
    void aPausedRedisWhileWritesHappenLeavesNothingStale() throws Exception {
        try (RedisCache<String, String> a = cache();
                RedisCache<String, String> b = cache()) {
            database.put("k", "v1");
            assertThat(read(b, "k")).isEqualTo("v1");
            redis.pause();
            try {
                long start = System.nanoTime();
                write(a, "k", "v2"); // waits at most the timeout for Redis, then goes on
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                sleep(WINDOW);
                assertThat(read(b, "k"))
                        .as("b noticed the silence of its own heartbeat")
                        .isEqualTo("v2");
                write(a, "k", "v3");
                sleep(WINDOW);
                assertThat(read(b, "k")).isEqualTo("v3");
            } finally {
                redis.resume();
            }
            sleep(WINDOW);
            assertThat(read(b, "k")).isEqualTo("v3");
            write(a, "k", "v4");
            sleep(WINDOW);
            assertThat(read(b, "k")).isEqualTo("v4");
        }
    }

    @Test
    void aKilledSubscriptionLosesNoInvalidation() throws Exception {
        try (RedisCache<String, String> a = cache();
                RedisCache<String, String> b = cache()) {
            database.put("k", "v1");
            assertThat(read(b, "k")).isEqualTo("v1");
            RedisClient admin = TestRedis.client(redis);
            try (var connection = admin.connect()) {
                connection.sync().clientKill(KillArgs.Builder.typePubsub());
                write(a, "k", "v2"); // may be published while b's subscription is down
            } finally {
                admin.shutdown();
            }
            sleep(WINDOW);
            assertThat(read(b, "k")).isEqualTo("v2");
            write(a, "k", "v3");
            sleep(WINDOW);
            assertThat(read(b, "k")).isEqualTo("v3");
        }
    }

    @Test
    void buildingWhileRedisIsDownWorksAndConnectsLater() throws Exception {
        redis.stop();
        try (RedisCache<String, String> a = cache();
                RedisCache<String, String> b = cache()) {
            database.put("k", "v1");
            assertThat(read(b, "k")).isEqualTo("v1");
            write(a, "k", "v2");
            sleep(WINDOW);
            assertThat(read(b, "k"))
                    .as("b cannot hear a; it flushes every heartbeat")
                    .isEqualTo("v2");
            assertThat(b.stats().connectFailures()).isPositive();
            redis.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (b.stats().hits() == 0) { // connected: a's loads reach Redis, b reads them
                assertThat(System.nanoTime()).as("connected within 30 s").isLessThan(deadline);
                database.put("probe", "p");
                a.cache().invalidate("probe");
                read(a, "probe");
                read(b, "probe");
                Thread.sleep(100);
            }
            sleep(WINDOW);
            assertThat(read(b, "k")).isEqualTo("v2");
            write(a, "k", "v3");
            sleep(WINDOW);
            assertThat(read(b, "k")).isEqualTo("v3");
        }
    }

    @Test
    void redisDownForTheWholeTestStillServesCorrectValuesWithABoundedDelay() throws Exception {
        redis.stop();
        try (RedisCache<String, String> a = cache();
                RedisCache<String, String> b = cache()) {
            for (int i = 0; i < 20; i++) {
                database.put("k" + (i % 3), "v" + i);
                long start = System.nanoTime();
                a.cache().invalidate("k" + (i % 3));
                assertThat(read(a, "k" + (i % 3)))
                        .as("the writer reads its own write")
                        .isEqualTo("v" + i);
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as("Redis down adds at most a couple of timeouts")
                        .isLessThan(TIMEOUT.multipliedBy(10));
            }
            sleep(WINDOW);
            for (int i = 0; i < 3; i++) {
                assertThat(read(b, "k" + i)).isEqualTo(database.get("k" + i));
            }
            assertThat(a.stats().failures()).isPositive();
        }
    }
}
