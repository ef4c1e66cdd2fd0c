package dev.perfkit.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.testsupport.Redis;
import dev.perfkit.testsupport.RedisCluster;
import dev.perfkit.testsupport.RedisServer;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 3-primary Redis Cluster started by the fixture: values, counters and scripts stay within slots, the bus uses
 * sharded pub/sub, and moving a slot (the bus channel's, a key's) loses no invalidation.
 */
class RedisClusterTest {
    /** Threads of this test's own, never the common pool: a blocked task there starves every later test. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "test-async");
        t.setDaemon(true);
        return t;
    });

    private static RedisCluster cluster;
    private final Map<String, String> database = new ConcurrentHashMap<>();

    @BeforeAll
    static void startCluster() {
        cluster = Redis.startCluster();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static RedisCache<String, String> cache(String name) {
        return builder(name).build();
    }

    private static RedisCache.Builder<String, String> builder(String name) {
        return RedisCache.<String, String>builder()
                .cluster(cluster.uris().toArray(String[]::new))
                .name(name)
                .keys(k -> k, k -> k)
                .values(RedisCodecs.json(String.class))
                .heartbeat(RedisCacheFaultTest.HEARTBEAT)
                .timeout(Duration.ofSeconds(1))
                .local(local -> local.expireAfterWrite(Duration.ofMinutes(10)));
    }

    private String read(RedisCache<String, String> cache, String key) {
        return cache.cache().get(key, k -> database.get(k));
    }

    private void write(RedisCache<String, String> cache, String key, String value) {
        database.put(key, value);
        cache.cache().invalidate(key);
    }

    private static void window() throws InterruptedException {
        Thread.sleep(
                RedisCacheFaultTest.HEARTBEAT.multipliedBy(3).plusSeconds(1).toMillis() + 200);
    }

    @Test
    void keysOnEveryPrimaryAreSharedFencedAndInvalidatedAcrossInstances() throws Exception {
        String name = "cluster-" + UUID.randomUUID();
        List<String> keys = IntStream.range(0, 60).mapToObj(i -> "user:" + i).toList();
        RedisKeys layout = new RedisKeys("perfkit:" + name + ":");
        Set<RedisServer> owners = keys.stream()
                .map(key -> cluster.ownerOf(cluster.slotOf(layout.value(key))))
                .collect(Collectors.toSet());
        assertThat(owners).as("the keys spread over all primaries").hasSize(3);
        // Write-backs are best effort: one that times out is dropped, not retried. On 2 loaded cores a 60-key batch's
        // write-backs have taken over 1 s, so this test, which needs every one of them, gives its commands 10 s.
        try (RedisCache<String, String> a =
                        builder(name).timeout(Duration.ofSeconds(10)).build();
                RedisCache<String, String> b =
                        builder(name).timeout(Duration.ofSeconds(10)).build()) {
            assertThat(a.publishesBehindStore())
                    .as("on a Cluster the key and the channel live on different nodes: publish after the answer")
                    .isFalse();
            keys.forEach(key -> database.put(key, key + "@1"));
            Map<String, String> loaded = a.cache().getAll(keys, missing -> {
                Map<String, String> rows = new LinkedHashMap<>();
                missing.forEach(key -> rows.put(key, database.get(key)));
                return rows;
            });
            assertThat(loaded).hasSize(60);
            awaitStored(keys.stream().map(layout::value).toList()); // write-backs are asynchronous
            Map<String, String> fromRedis = b.cache().getAll(keys, missing -> {
                throw new AssertionError("every key was in Redis: " + missing);
            });
            assertThat(fromRedis).containsAllEntriesOf(loaded);
            assertThat(b.stats().hits()).isEqualTo(60);
            for (String key : keys.subList(0, 10)) {
                write(a, key, key + "@2");
            }
            window();
            for (String key : keys) {
                assertThat(read(b, key)).isEqualTo(database.get(key));
            }
            assertThat(b.stats().invalidationsReceived()).isGreaterThanOrEqualTo(10);
            assertThat(a.stats().failures() + b.stats().failures()).isZero();
        }
    }

    @Test
    void clusterSingleFlightRunsTheLoaderOnceAcrossInstances() throws Exception {
        String name = "cluster-flight-" + UUID.randomUUID();
        Duration wait = Duration.ofSeconds(20);
        try (RedisCache<String, String> a = cache(name, wait);
                RedisCache<String, String> b = cache(name, wait)) {
            AtomicInteger loads = new AtomicInteger();
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            CompletableFuture<String> first = CompletableFuture.supplyAsync(
                    () -> a.cache().get("k", key -> {
                        loads.incrementAndGet();
                        loading.countDown();
                        finish.await(30, TimeUnit.SECONDS);
                        return "from-a";
                    }),
                    THREADS);
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> second = CompletableFuture.supplyAsync(
                    () -> b.cache().get("k", key -> {
                        loads.incrementAndGet();
                        return "from-b";
                    }),
                    THREADS);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (b.stats().lockWaits() == 0 && !second.isDone()) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(10);
            }
            finish.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("from-a");
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("from-a");
            assertThat(loads).hasValue(1);
        }
    }

    /** Waits (up to 30 s, the machine may be loaded) until every one of {@code valueKeys} exists in the cluster. */
    private static void awaitStored(List<String> valueKeys) throws InterruptedException {
        RedisClusterClient client = RedisClusterClient.create(
                cluster.uris().stream().map(RedisURI::create).toList());
        try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (valueKeys.stream().anyMatch(key -> connection.sync().exists(key) == 0)) {
                assertThat(System.nanoTime()).as("write-backs landed").isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            client.shutdown();
        }
    }

    private static RedisCache<String, String> cache(String name, Duration lockWait) {
        return builder(name).clusterSingleFlight(lockWait, lockWait).build();
    }

    @Test
    void movingTheSlotsOfTheChannelAndOfAKeyLosesNoInvalidation() throws Exception {
        String name = "cluster-" + UUID.randomUUID();
        RedisKeys layout = new RedisKeys("perfkit:" + name + ":");
        try (RedisCache<String, String> a = cache(name);
                RedisCache<String, String> b = cache(name)) {
            database.put("k", "v1");
            assertThat(read(a, "k")).isEqualTo("v1");
            Thread.sleep(200);
            assertThat(read(b, "k")).isEqualTo("v1");
            int channelSlot = cluster.slotOf(layout.channel());
            RedisServer before = cluster.ownerOf(channelSlot);
            RedisServer after = cluster.migrateSlot(channelSlot);
            assertThat(after).isNotEqualTo(before);
            int keySlot = cluster.slotOf(layout.value("k"));
            if (keySlot != channelSlot) {
                cluster.migrateSlot(keySlot); // the value and its counter move together
            }
            write(a, "k", "v2");
            window();
            assertThat(read(b, "k")).isEqualTo("v2");
            assertThat(b.stats().serverUnsubscribes() + b.stats().silences()).isPositive();
            write(a, "k", "v3");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"v3".equals(b.cache().getIfPresent("k")) && b.cache().getIfPresent("k") != null) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(read(b, "k")).isEqualTo("v3");
            long received = b.stats().invalidationsReceived();
            write(a, "k", "v4");
            deadline = System.nanoTime() + 10_000_000_000L;
            while (b.stats().invalidationsReceived() == received) { // the bus delivers again on the new owner
                assertThat(System.nanoTime()).as("delivery resumes").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(read(b, "k")).isEqualTo("v4");
        }
    }
}
