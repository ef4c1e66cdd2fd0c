package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** getAll behaves like get for each key: refresh-ahead, second level, single-flight, the read/write race. */
class BulkReadTest {
    private final FakeTicker ticker = new FakeTicker();
    private final ManualExecutor background = new ManualExecutor();
    private final InMemorySecondLevel<String, String> shared = new InMemorySecondLevel<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final AtomicInteger version = new AtomicInteger(1);
    private final List<Set<String>> bulkCalls = new CopyOnWriteArrayList<>();
    private final BulkLoader<String, String> versioned = keys -> {
        bulkCalls.add(Set.copyOf(keys));
        Map<String, String> values = new java.util.HashMap<>();
        keys.forEach(key -> values.put(key, key + version.get()));
        return values;
    };

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private CacheAside<String, String> refreshing() {
        return PerfCache.<String, String>builder()
                .ticker(ticker)
                .executor(background)
                .expireAfterWrite(Duration.ofMinutes(30))
                .refreshAfter(Duration.ofMinutes(1))
                .staleIfError(Duration.ofMinutes(5))
                .recordStats()
                .build();
    }

    private CacheAside<String, String> withSecondLevel() {
        return PerfCache.<String, String>builder()
                .ticker(ticker)
                .executor(background)
                .expireAfterWrite(Duration.ofMinutes(5))
                .secondLevel(shared)
                .build();
    }

    @Test
    void staleHitsAreServedAtOnceWhileOneBulkReloadRuns() {
        CacheAside<String, String> cache = refreshing();
        assertThat(cache.getAll(List.of("a", "b"), versioned)).containsOnly(Map.entry("a", "a1"), Map.entry("b", "b1"));
        cache.put("c", "c0");
        version.set(2);
        ticker.advance(Duration.ofMinutes(2));
        assertThat(cache.getAll(List.of("a", "b"), versioned))
                .as("stale values at once")
                .containsOnly(Map.entry("a", "a1"), Map.entry("b", "b1"));
        assertThat(cache.getAll(List.of("a", "b", "c"), versioned)).containsEntry("c", "c0");
        cache.get("a", key -> "never");
        assertThat(cache.stats().refreshCount())
                .as("one reload per key, not one per read")
                .isEqualTo(3);
        assertThat(cache.stats().staleHitCount())
                .as("2 + 3 from getAll, 1 from get")
                .isEqualTo(6);
        background.runAll();
        assertThat(bulkCalls)
                .as("a and b in one background call, c in a second")
                .containsExactly(Set.of("a", "b"), Set.of("a", "b"), Set.of("c"));
        assertThat(cache.getAll(List.of("a", "b", "c"), versioned))
                .containsOnly(Map.entry("a", "a2"), Map.entry("b", "b2"), Map.entry("c", "c2"));
    }

    @Test
    void aFailedBulkReloadServesTheOldValuesForTheStaleIfErrorWindowThenSurfaces() {
        CacheAside<String, String> cache = refreshing();
        cache.getAll(List.of("a"), versioned);
        BulkLoader<String, String> failing = keys -> {
            throw new IOException("source down");
        };
        ticker.advance(Duration.ofMinutes(2));
        assertThat(cache.getAll(List.of("a"), failing)).containsEntry("a", "a1");
        background.runAll();
        assertThat(cache.stats().refreshFailureCount()).isEqualTo(1);
        ticker.advance(Duration.ofMinutes(4));
        assertThat(cache.getAll(List.of("a"), failing)).as("inside the window").containsEntry("a", "a1");
        background.runAll();
        ticker.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> cache.getAll(List.of("a"), failing))
                .isInstanceOf(CacheLoadException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(cache.getAll(List.of("a"), versioned))
                .as("the next read retries")
                .containsEntry("a", "a1");
    }

    @Test
    void missesAreReadFromTheSecondLevelInOneBatchThenLoadedInOneCallAndWrittenBack() {
        CacheAside<String, String> nodeA = withSecondLevel();
        CacheAside<String, String> nodeB = withSecondLevel();
        nodeA.getAll(List.of("x", "y"), versioned);
        assertThat(shared.data.keySet()).containsExactlyInAnyOrder("x", "y");
        assertThat(shared.data.get("x").ttl()).isEqualTo(Duration.ofMinutes(5));
        bulkCalls.clear();
        shared.bulkGets.set(0);
        shared.gets.set(0);
        assertThat(nodeB.getAll(List.of("x", "y", "z"), versioned))
                .containsOnly(Map.entry("x", "x1"), Map.entry("y", "y1"), Map.entry("z", "z1"));
        assertThat(bulkCalls).as("only the key the second level lacked").containsExactly(Set.of("z"));
        assertThat(shared.bulkGets).as("one batch read").hasValue(1);
        assertThat(shared.gets).as("the SPI default reads key by key").hasValue(3);
        assertThat(shared.data).containsKey("z");
        assertThat(nodeB.getIfPresent("x"))
                .as("cached locally from the second level")
                .isEqualTo("x1");
    }

    @Test
    void aFailingSecondLevelDegradesToTheBulkLoader() {
        CacheAside<String, String> cache = withSecondLevel();
        shared.down = true;
        assertThat(cache.getAll(List.of("x", "y"), versioned)).hasSize(2);
        assertThat(bulkCalls).containsExactly(Set.of("x", "y"));
    }

    @Test
    void getAndGetAllShareFlights() throws Exception {
        CacheAside<String, String> cache =
                PerfCache.<String, String>builder().executor(background).build();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Map<String, String>> bulk = threads.submit(() -> cache.getAll(List.of("a", "b"), keys -> {
            entered.countDown();
            release.await();
            return versioned.loadAll(keys);
        }));
        entered.await();
        CompletableFuture<String> joinedGet = cache.getAsync("a", key -> "never");
        CompletableFuture<Map<String, String>> joinedBulk = cache.getAllAsync(List.of("b", "c"), versioned);
        background.runAll();
        assertThat(bulkCalls).as("only c needed a load of its own").containsExactly(Set.of("c"));
        assertThat(joinedGet).isNotDone();
        assertThat(joinedBulk).isNotDone();
        release.countDown();
        assertThat(bulk.get(10, TimeUnit.SECONDS)).containsOnly(Map.entry("a", "a1"), Map.entry("b", "b1"));
        assertThat(joinedGet.get(10, TimeUnit.SECONDS)).isEqualTo("a1");
        assertThat(joinedBulk.get(10, TimeUnit.SECONDS)).containsOnly(Map.entry("b", "b1"), Map.entry("c", "c1"));
        assertThat(bulkCalls).containsExactly(Set.of("c"), Set.of("a", "b"));

        CompletableFuture<String> single = cache.getAsync("d", key -> "d-single");
        CompletableFuture<Map<String, String>> both = cache.getAllAsync(List.of("d", "e"), versioned);
        background.runAll();
        assertThat(both.get(10, TimeUnit.SECONDS))
                .as("getAll joined get's flight for d")
                .containsOnly(Map.entry("d", "d-single"), Map.entry("e", "e1"));
        assertThat(single.get(10, TimeUnit.SECONDS)).isEqualTo("d-single");
        assertThat(bulkCalls).hasSize(3).last().isEqualTo(Set.of("e"));
    }

    @Test
    void aKeyInvalidatedDuringTheBulkLoadIsReturnedButNotStored() throws Exception {
        CacheAside<String, String> cache = withSecondLevel();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Map<String, String>> bulk = threads.submit(() -> cache.getAll(List.of("a", "b", "c"), keys -> {
            entered.countDown();
            release.await();
            return versioned.loadAll(keys);
        }));
        entered.await();
        cache.invalidate("a");
        release.countDown();
        assertThat(bulk.get(10, TimeUnit.SECONDS))
                .as("every caller still gets the loaded value")
                .containsOnly(Map.entry("a", "a1"), Map.entry("b", "b1"), Map.entry("c", "c1"));
        assertThat(cache.getIfPresent("a"))
                .as("not stored: it was read before the invalidation")
                .isNull();
        assertThat(shared.data).as("nor written back").doesNotContainKey("a").containsKeys("b", "c");
        assertThat(cache.getIfPresent("b")).isEqualTo("b1");
    }

    @Test
    void getAllAsyncServesHitsAtOnceAndLoadsOnTheExecutor() throws Exception {
        CacheAside<String, String> cache =
                PerfCache.<String, String>builder().executor(background).build();
        cache.put("a", "A");
        assertThat(cache.getAllAsync(List.of("a"), versioned)).isCompletedWithValue(Map.of("a", "A"));
        CompletableFuture<Map<String, String>> pending = cache.getAllAsync(List.of("a", "b"), versioned);
        assertThat(pending).isNotDone();
        assertThat(bulkCalls).isEmpty();
        background.runAll();
        assertThat(pending.get(10, TimeUnit.SECONDS)).containsOnly(Map.entry("a", "A"), Map.entry("b", "b1"));
        List<CompletableFuture<Map<String, String>>> failing = new ArrayList<>();
        failing.add(cache.getAllAsync(List.of("x"), keys -> {
            throw new IOException("down");
        }));
        background.runAll();
        assertThat(failing.get(0)).isCompletedExceptionally();
        assertThatThrownBy(() -> failing.get(0).join())
                .hasCauseInstanceOf(CacheLoadException.class)
                .hasRootCauseInstanceOf(IOException.class);
    }

    @Test
    void getAllAsyncRejectsNullsInTheCallingThread() {
        CacheAside<String, String> cache =
                PerfCache.<String, String>builder().executor(background).build();
        assertThatThrownBy(() -> cache.getAllAsync(java.util.Arrays.asList("a", null), versioned))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("keys must not contain null");
        assertThatThrownBy(() -> cache.getAllAsync(null, versioned))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("keys");
        assertThatThrownBy(() -> cache.getAllAsync(List.of("a"), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("loader");
        assertThat(background.queued()).isZero();
    }
}
