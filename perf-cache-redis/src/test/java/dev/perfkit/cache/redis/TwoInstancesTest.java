package dev.perfkit.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.testsupport.Redis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Two cache instances sharing one Redis. They run in one JVM here (each with its own Lettuce client, connections
 * and instance id); a separate-JVM soak is not built yet.
 */
class TwoInstancesTest {
    /** Threads of this test's own, never the common pool: a blocked task there starves every later test. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "test-async");
        t.setDaemon(true);
        return t;
    });

    private static RedisCache<String, String> instance(String name) {
        return RedisCache.<String, String>builder()
                .redis(Redis.shared().uri())
                .name(name)
                .keys(k -> k, k -> k)
                .values(RedisCodecs.json(String.class))
                .heartbeat(Duration.ofMillis(200))
                .timeout(Duration.ofSeconds(2))
                .local(local -> local.expireAfterWrite(Duration.ofMinutes(10)))
                .build();
    }

    private static String name() {
        return "two-" + UUID.randomUUID();
    }

    @Test
    void anInstanceThatDropsItsCopyOnTheMessageReadsTheNewValueNotTheOldOneFromRedis() throws Exception {
        String name = name();
        Map<String, String> database = new ConcurrentHashMap<>();
        String valueKey = new RedisKeys("perfkit:" + name + ":").value("user:1");
        RedisClient client = RedisClient.create(Redis.shared().uri());
        try (RedisCache<String, String> a = instance(name);
                RedisCache<String, String> b = instance(name);
                StatefulRedisConnection<String, String> raw = client.connect()) {
            assertThat(a.publishesBehindStore())
                    .as("standalone: the PUBLISH is sent right behind the invalidation, on the same connection")
                    .isTrue();
            for (int i = 0; i < 300; i++) {
                database.put("user:1", "v" + i);
                assertThat(b.cache().get("user:1", database::get)).isEqualTo("v" + i);
                eventually(() -> raw.sync().exists(valueKey) == 1); // b's write-back is in Redis
                database.put("user:1", "v" + (i + 1));
                a.cache().invalidate("user:1");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (b.cache().getIfPresent("user:1") != null) {
                    assertThat(System.nanoTime()).as("b dropped its copy").isLessThan(deadline);
                    Thread.onSpinWait();
                }
                assertThat(b.cache().get("user:1", database::get))
                        .as("read on b right after the message, round " + i)
                        .isEqualTo("v" + (i + 1));
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aWriteOnOneInstanceInvalidatesTheOther() throws Exception {
        String name = name();
        try (RedisCache<String, String> a = instance(name);
                RedisCache<String, String> b = instance(name)) {
            assertThat(b.cache().get("user:1", key -> "v1")).isEqualTo("v1");
            assertThat(b.cache().getIfPresent("user:1")).isEqualTo("v1");
            a.cache().invalidate("user:1");
            eventually(() -> b.cache().getIfPresent("user:1") == null);
            assertThat(b.cache().get("user:1", key -> "v2")).isEqualTo("v2");
            a.cache().put("user:1", "v3");
            eventually(() -> b.cache().getIfPresent("user:1") == null);
            assertThat(b.cache().get("user:1", key -> "loaded-instead"))
                    .as("read from Redis")
                    .isEqualTo("v3");
            assertThat(b.stats().invalidationsReceived()).isEqualTo(2);
            assertThat(b.stats().sequenceGaps() + b.stats().unparseableMessages())
                    .isZero();
        }
    }

    @Test
    void aLoadThatRacedAnInvalidationOnAnotherInstanceIsNeitherStoredNorServed() throws Exception {
        String name = name();
        try (RedisCache<String, String> a = instance(name);
                RedisCache<String, String> b = instance(name)) {
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> slow = CompletableFuture.supplyAsync(
                    () -> b.cache().get("user:1", key -> {
                        loading.countDown(); // b read the fence from Redis before its loader began
                        await(release);
                        return "old";
                    }),
                    THREADS);
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            a.cache().invalidate("user:1"); // the row changed: bumps the key's counter in Redis
            release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("old");
            // Either b heard the invalidation before its load ended (the local flight is detached and writes
            // nothing back) or its write-back reached Redis first and the fence refused it; which one wins is a
            // race between the bus and the loader's thread. The fence alone is tested by RedisSecondLevelStoreTest.
            eventually(() -> b.stats().refusedWrites() == 1 || b.stats().invalidationsReceived() >= 1);
            try (RedisCache<String, String> c = instance(name)) {
                assertThat(c.cache().get("user:1", key -> "new")).isEqualTo("new");
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
