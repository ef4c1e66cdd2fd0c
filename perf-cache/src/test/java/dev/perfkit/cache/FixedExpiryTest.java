package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A cache whose entries all live expireAfterWrite from their store runs on Caffeine's fixed timer, which restarts on
 * every write of the key. Nothing but a store may count as one: a load refused because a put replaced its key and a
 * load that timed out leave the put's entry to expire on time.
 */
class FixedExpiryTest {
    private static final Duration TTL = Duration.ofMinutes(10);
    /** Threads of this test's own, never the common pool: a blocked task there starves every later test. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "test-async");
        t.setDaemon(true);
        return t;
    });

    private final FakeTicker ticker = new FakeTicker();

    private PerfCache.Builder<String, String> fixed() {
        return PerfCache.<String, String>builder()
                .ticker(ticker)
                .executor(Runnable::run)
                .maximumSize(100)
                .expireAfterWrite(TTL);
    }

    /** Starts a get of "k" whose loader waits for {@code release}; returns once the loader runs. */
    private static CompletableFuture<String> loading(
            CacheAside<String, String> cache, CountDownLatch release, String value) throws InterruptedException {
        CountDownLatch loading = new CountDownLatch(1);
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(
                () -> cache.get("k", key -> {
                    loading.countDown();
                    release.await();
                    return value;
                }),
                THREADS);
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
        return slow;
    }

    @Test
    void everyEntryExpiresAtItsTimeToLiveFromItsStore() {
        CacheAside<String, String> cache = fixed().build();
        cache.put("a", "1");
        ticker.advance(Duration.ofMinutes(4));
        assertThat(cache.get("b", key -> "2")).isEqualTo("2");
        ticker.advance(TTL.minusMinutes(4).minusNanos(1));
        assertThat(cache.getIfPresent("a")).isEqualTo("1");
        ticker.advance(Duration.ofNanos(1));
        assertThat(cache.getIfPresent("a")).as("at its time to live").isNull();
        assertThat(cache.getIfPresent("b")).isEqualTo("2");
        ticker.advance(Duration.ofMinutes(4));
        assertThat(cache.getIfPresent("b")).isNull();
    }

    @Test
    void aLoadRefusedBecauseAPutReplacedItsKeyDoesNotExtendThePutsEntry() throws Exception {
        CacheAside<String, String> cache = fixed().build();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> slow = loading(cache, release, "loaded before the put");
        cache.put("k", "put");
        ticker.advance(TTL.minusMinutes(1));
        release.countDown(); // the load completes and is refused: the put detached it
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("loaded before the put");
        assertThat(cache.getIfPresent("k")).isEqualTo("put");
        ticker.advance(Duration.ofMinutes(1));
        assertThat(cache.getIfPresent("k"))
                .as("the put's entry at its time to live")
                .isNull();
    }

    @Test
    void aLoadThatTimedOutDoesNotExtendTheEntryAPutStoredMeanwhile() throws Exception {
        CacheAside<String, String> cache =
                fixed().loadTimeout(Duration.ofMillis(300)).build();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> slow = loading(cache, release, "late");
        cache.put("k", "put");
        ticker.advance(TTL.minusMinutes(1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cache.stats().loadTimeoutCount() == 0) { // the timeout runs on real time
            assertThat(System.nanoTime()).as("the load timed out").isLessThan(deadline);
            Thread.sleep(5);
        }
        ticker.advance(Duration.ofMinutes(1));
        assertThat(cache.getIfPresent("k"))
                .as("the put's entry at its time to live")
                .isNull();
        release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS))
                .as("the loading caller gets its own value")
                .isEqualTo("late");
        assertThat(cache.getIfPresent("k")).as("the late value is not stored").isNull();
    }
}
