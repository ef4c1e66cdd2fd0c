package dev.perfkit.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.testsupport.Redis;
import dev.perfkit.testsupport.RedisSentinel;
import dev.perfkit.testsupport.RedisServer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A primary, a replica and a sentinel from the fixture: a failover loses no invalidation and stops nothing. */
class RedisSentinelTest {
    private final Map<String, String> database = new ConcurrentHashMap<>();
    private RedisSentinel sentinel;

    @BeforeEach
    void start() {
        sentinel = Redis.startSentinel();
    }

    @AfterEach
    void stop() {
        sentinel.close();
    }

    private String read(RedisCache<String, String> cache, String key) {
        return cache.cache().get(key, k -> database.get(k));
    }

    private void write(RedisCache<String, String> cache, String key, String value) {
        database.put(key, value);
        cache.cache().invalidate(key);
    }

    private static void window() throws InterruptedException {
        Thread.sleep(RedisCacheFaultTest.WINDOW.toMillis() + 200);
    }

    @Test
    void aFailoverOfThePrimaryLosesNoInvalidation() throws Exception {
        String name = "sentinel-" + UUID.randomUUID();
        try (RedisCache<String, String> a = RedisCacheFaultTest.cache(sentinel.uri(), name);
                RedisCache<String, String> b = RedisCacheFaultTest.cache(sentinel.uri(), name)) {
            database.put("k", "v1");
            assertThat(read(a, "k")).isEqualTo("v1");
            Thread.sleep(200); // the write-back lands
            assertThat(read(b, "k")).isEqualTo("v1");
            assertThat(b.stats().hits()).as("b read a's load from Redis").isEqualTo(1);
            RedisServer old = sentinel.primary();
            RedisServer now = sentinel.failover();
            assertThat(now).isNotEqualTo(old);
            write(a, "k", "v2"); // during or right after the switch: the message may be lost
            window();
            assertThat(read(b, "k")).isEqualTo("v2");
            long deadline = System.nanoTime() + 30_000_000_000L;
            long received = b.stats().invalidationsReceived();
            while (b.stats().invalidationsReceived() == received) { // both follow the new primary
                assertThat(System.nanoTime())
                        .as("delivery through the new primary")
                        .isLessThan(deadline);
                write(a, "k", "v" + System.nanoTime());
                Thread.sleep(100);
            }
            window();
            assertThat(read(b, "k")).isEqualTo(database.get("k"));
            write(a, "k", "v3");
            window();
            assertThat(read(b, "k")).isEqualTo("v3");
            // No flush is required here: a demoted primary keeps its subscribers, and PUBLISH reaches them through
            // replication; a subscriber that is disconnected resubscribes and flushes (RedisCacheFaultTest).
        }
    }
}
