package dev.perfkit.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.EvictionCause;
import dev.perfkit.cache.Loader;
import dev.perfkit.cache.PerfCache;
import dev.perfkit.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * With a size bound, jitter and a shorter negative time to live run on Caffeine's fixed expire-after-write timer, set
 * to the longest time to live, and every read judges the entry's own deadline; the hit path judges it by the clock
 * reading Caffeine left ({@link RecentClock}), which may lag by up to {@link RecentClock#SLACK}. These tests move the
 * clock by less than that slack right up to each deadline: no read path may serve an entry at its own deadline, and
 * every one must serve it a nanosecond before.
 */
class OwnDeadlineTest {
    private static final long TTL = Duration.ofSeconds(100).toNanos();
    private static final double JITTER = 0.5;
    private static final long HALF_SLACK = RecentClock.SLACK / 2;

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = now::get;
    private final AtomicInteger loads = new AtomicInteger();
    private final Loader<String, String> reload = key -> key + "#reloaded" + loads.incrementAndGet();

    private CacheAside<String, String> jittered() {
        return PerfCache.<String, String>builder()
                .ticker(ticker)
                .executor(Runnable::run)
                .maximumSize(1_000)
                .expireAfterWrite(Duration.ofNanos(TTL))
                .jitter(JITTER)
                .recordStats()
                .build();
    }

    /** The key's jittered time to live, as {@link TtlPolicy#jittered} computes it. */
    private static long lives(String key) {
        return Math.max(1, TTL - (long) (TTL * JITTER * TtlPolicy.unit(key.hashCode())));
    }

    /** One read path of the cache API, answering the value it serves for the key (a reload's when it missed). */
    private interface ReadPath {
        @Nullable
        String read(CacheAside<String, String> cache, String key) throws Exception;
    }

    private final Map<String, ReadPath> paths = Map.of(
            "get", (cache, key) -> cache.get(key, reload),
            "getAsync", (cache, key) -> cache.getAsync(key, reload).get(10, TimeUnit.SECONDS),
            "getIfPresent", CacheAside::getIfPresent,
            "getAll",
                    (cache, key) -> cache.getAll(List.of(key), keys -> Map.of(key, reload.load(key)))
                            .get(key),
            "getBounded",
                    (cache, key) -> ((DefaultCacheAside<String, String>) cache)
                            .getBounded(key, reload, TimeUnit.SECONDS.toNanos(10)));

    @Test
    void noReadPathServesAJitteredEntryAtItsOwnDeadline() throws Exception {
        long start = now.get();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            keys.add("key-" + i);
        }
        keys.sort(Comparator.comparingLong(OwnDeadlineTest::lives));
        for (var path : paths.entrySet()) {
            now.set(start);
            loads.set(0);
            CacheAside<String, String> cache = jittered();
            keys.forEach(key -> cache.put(key, "v"));
            for (String key : keys) {
                long deadline = start + lives(key);
                assertThat(deadline - start).as("jitter shortened " + key).isLessThan(TTL);
                now.set(deadline - HALF_SLACK); // a jump: the remembered reading follows
                assertThat(path.getValue().read(cache, key))
                        .as(path.getKey() + " before " + key + "'s deadline")
                        .isEqualTo("v");
                now.set(deadline - 1); // less than the slack: the remembered reading stays behind
                assertThat(path.getValue().read(cache, key))
                        .as(path.getKey() + " 1 ns before the deadline")
                        .isEqualTo("v");
                now.set(deadline);
                assertThat(path.getValue().read(cache, key))
                        .as(path.getKey() + " at " + key + "'s own deadline")
                        .isNotEqualTo("v");
            }
            assertThat(cache.stats().evictions(EvictionCause.EXPIRED))
                    .as(path.getKey() + ": every entry found expired counts once")
                    .isEqualTo(keys.size());
        }
    }

    @Test
    void aShorterNegativeTimeToLiveEndsOnEveryReadPath() throws Exception {
        Duration negative = Duration.ofSeconds(30);
        for (var path : paths.entrySet()) {
            now.set(1_000_000_000L);
            CacheAside<String, String> cache = PerfCache.<String, String>builder()
                    .ticker(ticker)
                    .executor(Runnable::run)
                    .maximumSize(1_000)
                    .expireAfterWrite(Duration.ofMinutes(10))
                    .negativeTtl(negative)
                    .recordStats()
                    .build();
            AtomicInteger lookups = new AtomicInteger();
            assertThat(cache.get("gone", key -> {
                        lookups.incrementAndGet();
                        return null;
                    }))
                    .isNull();
            long stored = now.get();
            now.set(stored + negative.toNanos() - HALF_SLACK);
            assertThat(path.getValue().read(cache, "gone"))
                    .as(path.getKey() + " within the negative TTL")
                    .isNull();
            now.set(stored + negative.toNanos() - 1);
            assertThat(path.getValue().read(cache, "gone"))
                    .as(path.getKey() + " 1 ns before its end")
                    .isNull();
            assertThat(loads).as(path.getKey() + " served the cached absence").hasValue(0);
            now.set(stored + negative.toNanos());
            String after = path.getValue().read(cache, "gone");
            if (!path.getKey().equals("getIfPresent")) {
                assertThat(after)
                        .as(path.getKey() + " loads again at the negative TTL's end")
                        .startsWith("gone#");
            }
            assertThat(cache.stats().evictions(EvictionCause.EXPIRED))
                    .as(path.getKey())
                    .isEqualTo(1);
            loads.set(0);
        }
    }

    @Test
    void aRefreshStartsAtTheRefreshAgeEvenWhenTheClockMovedByLessThanTheSlack() {
        Duration refreshAfter = Duration.ofMinutes(1);
        CacheAside<String, String> cache = PerfCache.<String, String>builder()
                .ticker(ticker)
                .executor(Runnable::run)
                .maximumSize(1_000)
                .expireAfterWrite(Duration.ofMinutes(10))
                .refreshAfter(refreshAfter)
                .recordStats()
                .build();
        cache.put("k", "v");
        long stored = now.get();
        now.set(stored + refreshAfter.toNanos() - HALF_SLACK);
        assertThat(cache.get("k", reload)).isEqualTo("v");
        now.set(stored + refreshAfter.toNanos() - 1);
        assertThat(cache.get("k", reload)).isEqualTo("v");
        assertThat(loads).as("no refresh before the refresh age").hasValue(0);
        now.set(stored + refreshAfter.toNanos());
        assertThat(cache.get("k", reload)).as("served stale while it reloads").isEqualTo("v");
        assertThat(loads).as("a refresh at the refresh age").hasValue(1);
        assertThat(cache.get("k", reload)).isEqualTo("k#reloaded1");
        assertThat(cache.stats().staleHitCount()).isEqualTo(1);
        assertThat(cache.stats().hitCount()).isEqualTo(3);
    }

    @Test
    void aLoadReplacesAnEntryPastItsOwnDeadlineThatCaffeineStillHolds() {
        CacheAside<String, String> cache = jittered();
        cache.put("k", "v");
        now.addAndGet(lives("k"));
        assertThat(cache.get("k", reload)).isEqualTo("k#reloaded1");
        assertThat(cache.get("k", reload)).as("the reload was stored").isEqualTo("k#reloaded1");
        assertThat(cache.estimatedSize()).isEqualTo(1);
    }

    /**
     * The remembered reading's promise, under threads that read the real clock at once: after a thread's own read,
     * {@code recent()} is at most {@link RecentClock#SLACK} behind it, and it never moves backwards.
     */
    @Test
    void theRememberedReadingNeverLagsMoreThanTheSlackNorMovesBack() throws InterruptedException {
        RecentClock clock = new RecentClock(System::nanoTime);
        int threads = 4;
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<@Nullable String> violation = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long lastSeen = clock.recent();
                for (int i = 0; i < 2_000_000 && !stop.get(); i++) {
                    long read = clock.read();
                    long recent = clock.recent();
                    if (read - recent > RecentClock.SLACK) {
                        violation.compareAndSet(null, "recent " + recent + " lags read " + read);
                    }
                    if (recent - lastSeen < 0) {
                        violation.compareAndSet(null, "recent moved back from " + lastSeen + " to " + recent);
                    }
                    lastSeen = recent;
                }
            });
            thread.start();
            running.add(thread);
        }
        go.countDown();
        for (Thread thread : running) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            if (thread.isAlive()) {
                stop.set(true);
            }
        }
        assertThat(violation.get()).isNull();
    }
}
