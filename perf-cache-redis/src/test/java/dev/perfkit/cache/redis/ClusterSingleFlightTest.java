package dev.perfkit.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.cache.CacheLoadException;
import dev.perfkit.testsupport.Redis;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Cluster-wide single-flight against the real Redis: separate caches (each its own Lettuce client, connections and
 * instance id) missing one key at once, with latches holding the loaders where the interleaving needs them.
 */
class ClusterSingleFlightTest {
    /** Threads of this test's own, never the common pool: a blocked task there starves every later test. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "test-async");
        t.setDaemon(true);
        return t;
    });

    private static final Duration LONG = Duration.ofSeconds(20);

    private final String name = "flight-" + UUID.randomUUID();
    private final AtomicInteger loads = new AtomicInteger();

    private RedisCache<String, String> instance(Duration lockTtl, Duration maxWait) {
        return RedisCache.<String, String>builder()
                .redis(Redis.shared().uri())
                .name(name)
                .keys(k -> k, k -> k)
                .values(RedisCodecs.json(String.class))
                .heartbeat(Duration.ofMillis(200))
                .timeout(Duration.ofSeconds(2))
                .clusterSingleFlight(lockTtl, maxWait)
                .local(local -> local.expireAfterWrite(Duration.ofMinutes(10)))
                .build();
    }

    private String lockKey(String key) {
        return new RedisKeys("perfkit:" + name + ":").lock(key);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String lockValue(String lock) throws Exception {
        byte[] value = TestRedis.commands().get(lock).get(5, TimeUnit.SECONDS);
        return value == null ? "none" : new String(value, StandardCharsets.UTF_8);
    }

    @Test
    void twoInstancesMissingTheSameKeyRunTheLoaderOnce() throws Exception {
        try (RedisCache<String, String> a = instance(LONG, LONG);
                RedisCache<String, String> b = instance(LONG, LONG)) {
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            CompletableFuture<String> first = CompletableFuture.supplyAsync(
                    () -> a.cache().get("k", key -> {
                        loads.incrementAndGet();
                        loading.countDown();
                        await(finish);
                        return "from-a";
                    }),
                    THREADS);
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue(); // a holds the lock now
            CompletableFuture<String> second = CompletableFuture.supplyAsync(
                    () -> b.cache().get("k", key -> {
                        loads.incrementAndGet();
                        return "from-b";
                    }),
                    THREADS);
            // b waits for a's lock (or, without the lock, has loaded by itself already)
            eventually(() -> b.stats().lockWaits() == 1 || second.isDone());
            finish.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("from-a");
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("from-a");
            assertThat(loads).as("loader runs").hasValue(1);
            assertThat(b.stats().lockTimeouts() + b.stats().lockFailures()).isZero();
            eventually(() -> "none".equals(lockValueQuietly(lockKey("k"))));
        }
    }

    @Test
    void theHolderReleasesOnlyOnceItsWriteBackLandedSoTheWaiterReadsItsValue() throws Exception {
        try (RedisCache<String, String> a = instance(LONG, LONG);
                RedisCache<String, String> b = instance(LONG, LONG)) {
            BlockingQueue<Runnable> heldTrips = new LinkedBlockingQueue<>();
            a.store.secondTrip = heldTrips::add; // a's write-back stops between its two round trips
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            CompletableFuture<String> first = CompletableFuture.supplyAsync(
                    () -> a.cache().get("k", key -> {
                        loading.countDown();
                        await(finish);
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
            eventually(() -> b.stats().lockWaits() == 1 || second.isDone());
            finish.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("from-a"); // its write-back is still held
            Runnable writeBack = heldTrips.poll(10, TimeUnit.SECONDS);
            assertThat(writeBack).isNotNull();
            Thread.sleep(200); // b polls the lock meanwhile (every 32 ms at most)
            assertThat(second)
                    .as("b still waits: the lock outlives the load until the write-back")
                    .isNotDone();
            writeBack.run();
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("from-a");
            assertThat(loads).as("b's loader runs").hasValue(0);
        }
    }

    @Test
    void aHolderThatDiesLeavesItsLockToExpireAndAnotherInstanceThenLoads() throws Exception {
        Duration ttl = Duration.ofMillis(400);
        try (RedisCache<String, String> dying = instance(ttl, LONG);
                RedisCache<String, String> b = instance(LONG, LONG)) {
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            CompletableFuture<String> hung = CompletableFuture.supplyAsync(
                    () -> dying.cache().get("k", key -> {
                        loading.countDown();
                        await(never); // hangs like a dead instance: never releases, never writes back
                        return "from-dead";
                    }),
                    THREADS);
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            assertThat(b.cache().get("k", key -> {
                        loads.incrementAndGet();
                        return "from-b";
                    }))
                    .isEqualTo("from-b");
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(waited).as("waited for the lock to expire").isGreaterThanOrEqualTo(ttl.minusMillis(100));
            assertThat(waited).as("loaded soon after it expired").isLessThan(ttl.plusSeconds(5));
            assertThat(loads).hasValue(1);
            assertThat(b.stats().lockWaits()).isEqualTo(1);
            assertThat(b.stats().lockTimeouts()).isZero();
            never.countDown();
            assertThat(hung.get(10, TimeUnit.SECONDS)).isEqualTo("from-dead");
        }
    }

    @Test
    void aWaitLongerThanMaxWaitLoadsLocally() throws Exception {
        String lock = lockKey("k");
        TestRedis.commands()
                .set(lock, bytes("someone-else"), SetArgs.Builder.px(60_000))
                .get(5, TimeUnit.SECONDS);
        try (RedisCache<String, String> b = instance(LONG, Duration.ofMillis(300))) {
            long start = System.nanoTime();
            assertThat(b.cache().get("k", key -> {
                        loads.incrementAndGet();
                        return "local";
                    }))
                    .isEqualTo("local");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), LONG);
            assertThat(loads).hasValue(1);
            assertThat(b.stats().lockTimeouts()).isEqualTo(1);
            assertThat(lockValue(lock)).as("the other's lock is left alone").isEqualTo("someone-else");
        } finally {
            TestRedis.commands().del(lock).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aReleaseWithAForeignTokenDoesNotFreeTheHoldersLock() throws Exception {
        try (RedisCache<String, String> a = instance(LONG, LONG);
                RedisCache<String, String> b = instance(LONG, Duration.ofMillis(300))) {
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            CompletableFuture<String> first = CompletableFuture.supplyAsync(
                    () -> a.cache().get("k", key -> {
                        loading.countDown();
                        await(finish);
                        return "from-a";
                    }),
                    THREADS);
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            String lock = lockKey("k");
            String token = lockValue(lock);
            assertThat(token).matches("[0-9a-f]{32}");
            Long deleted = ClusterSingleFlight.RELEASE
                    .<Long>run(TestRedis.commands(), ScriptOutputType.INTEGER, new String[] {lock}, bytes("forged"))
                    .get(5, TimeUnit.SECONDS);
            assertThat(deleted).isZero();
            assertThat(lockValue(lock)).isEqualTo(token);
            // b still finds the lock taken: it waits, times out and loads locally instead of taking it
            assertThat(b.cache().get("k", key -> "from-b")).isEqualTo("from-b");
            assertThat(b.stats().lockTimeouts()).isEqualTo(1);
            finish.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("from-a");
            eventually(() -> "none".equals(lockValueQuietly(lock))); // the holder's own release does free it
        }
    }

    @Test
    void aLoadUnderTheLockThatRacedAnInvalidationIsNotWrittenBack() throws Exception {
        try (RedisCache<String, String> a = instance(LONG, LONG);
                RedisCache<String, String> b = instance(LONG, LONG)) {
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            CompletableFuture<String> slow = CompletableFuture.supplyAsync(
                    () -> a.cache().get("k", key -> {
                        loading.countDown();
                        await(finish);
                        return "old";
                    }),
                    THREADS);
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            b.cache().invalidate("k"); // the row changed while a loaded under its lock
            finish.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("old");
            eventually(() -> "none".equals(lockValueQuietly(lockKey("k"))));
            try (RedisCache<String, String> c = instance(LONG, LONG)) {
                assertThat(c.cache().get("k", key -> "new")).isEqualTo("new");
            }
        }
    }

    @Test
    void aFailedLoadReleasesTheLockAtOnce() throws Exception {
        try (RedisCache<String, String> a = instance(LONG, LONG);
                RedisCache<String, String> b = instance(LONG, LONG)) {
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            CompletableFuture<String> failing = CompletableFuture.supplyAsync(
                    () -> a.cache().get("k", key -> {
                        loading.countDown();
                        await(finish);
                        throw new IllegalStateException("database down");
                    }),
                    THREADS);
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> second =
                    CompletableFuture.supplyAsync(() -> b.cache().get("k", key -> "from-b"), THREADS);
            eventually(() -> b.stats().lockWaits() == 1);
            long start = System.nanoTime();
            finish.countDown();
            assertThatThrownBy(() -> failing.join()).hasCauseInstanceOf(CacheLoadException.class);
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("from-b");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static String lockValueQuietly(String lock) {
        try {
            return lockValue(lock);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
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
