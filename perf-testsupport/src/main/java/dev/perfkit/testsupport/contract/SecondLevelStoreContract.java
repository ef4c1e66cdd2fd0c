package dev.perfkit.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.PerfCache;
import dev.perfkit.cache.spi.EntryScope;
import dev.perfkit.cache.spi.FencedWrite;
import dev.perfkit.cache.spi.SecondLevelRead;
import dev.perfkit.cache.spi.SecondLevelStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tests every {@link SecondLevelStore} passes: the fence protocol on its own, then the read/write races and the
 * promise through a real cache in front of the store. An implementation's test extends this class and returns a
 * new, empty, isolated store of {@code String} keys and values from {@link #newStore()}.
 * It also holds the failure cases (the store throws, fails, hangs, answers garbage) and a seeded stress test with an
 * invariant checker over two instances sharing the store.
 *
 * <pre>{@code
 * class RedisSecondLevelTest extends SecondLevelStoreContract {
 *     protected SecondLevelStore<String, String> newStore() {
 *         return new RedisSecondLevel<>(client, "test-" + UUID.randomUUID(), Codecs.utf8());
 *     }
 * }
 * }</pre>
 */
public abstract class SecondLevelStoreContract {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final EntryScope USERS = EntryScope.of("users", Set.of("team:7"));

    private final ExecutorService threads = Executors.newCachedThreadPool();

    /** Returns a new store with nothing in it, sharing no state with stores returned before. */
    protected abstract SecondLevelStore<String, String> newStore();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private static <T> T join(CompletableFuture<T> future) {
        return future.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void aLoadedValueIsStoredWhileTheFenceIsUnchangedAndReadWithItsTags() {
        SecondLevelStore<String, String> store = newStore();
        SecondLevelRead<String> miss = join(store.read("k", USERS));
        assertThat(miss.value()).isNull();
        assertThat(join(store.putIfVersion("k", "v", TTL, USERS, miss.version())))
                .isTrue();
        SecondLevelRead<String> hit = join(store.read("k", USERS));
        assertThat(hit.value()).isEqualTo("v");
        assertThat(hit.tags()).containsExactly("team:7");
    }

    @Test
    void eachInvalidationChangesTheFenceBeforeItsFutureCompletes() {
        assertRefusedAfter(store -> join(store.invalidate("k")));
        assertRefusedAfter(store -> join(store.invalidateTag("team:7")));
        assertRefusedAfter(store -> join(store.invalidateNamespace("users")));
        assertRefusedAfter(store -> join(store.invalidateAll()));
        assertRefusedAfter(store -> join(store.put("k", "written", TTL, USERS)));
    }

    private void assertRefusedAfter(Consumer<SecondLevelStore<String, String>> invalidation) {
        SecondLevelStore<String, String> store = newStore();
        long version = join(store.read("k", USERS)).version();
        invalidation.accept(store);
        assertThat(join(store.putIfVersion("k", "old", TTL, USERS, version)))
                .as("a write-back fenced before the invalidation")
                .isFalse();
        assertThat(join(store.read("k", USERS)).value()).isNotEqualTo("old");
    }

    @Test
    void invalidationsHideWhatTheyCover() {
        for (Consumer<SecondLevelStore<String, String>> invalidation :
                List.<Consumer<SecondLevelStore<String, String>>>of(
                        store -> join(store.invalidate("k")),
                        store -> join(store.invalidateTag("team:7")),
                        store -> join(store.invalidateNamespace("users")),
                        store -> join(store.invalidateAll()))) {
            SecondLevelStore<String, String> store = newStore();
            join(store.put("k", "v", TTL, USERS));
            invalidation.accept(store);
            assertThat(join(store.read("k", USERS)).value()).isNull();
        }
    }

    @Test
    void unrelatedInvalidationsLeaveAValueAndItsFence() {
        SecondLevelStore<String, String> store = newStore();
        join(store.put("k", "v", TTL, USERS));
        long version = join(store.read("k", USERS)).version();
        join(store.invalidate("other"));
        join(store.invalidateTag("team:8"));
        join(store.invalidateNamespace("orders"));
        assertThat(join(store.read("k", USERS)).value()).isEqualTo("v");
        assertThat(join(store.putIfVersion("k", "v2", TTL, USERS, version))).isTrue();
    }

    @Test
    void aBatchedWriteBackIsFencedPerKeyAsASingleOneIs() {
        SecondLevelStore<String, String> store = newStore();
        long a = join(store.read("a", USERS)).version();
        long b = join(store.read("b", USERS)).version();
        long c = join(store.read("c", EntryScope.none())).version();
        join(store.invalidate("b")); // b changed while the batch loaded
        Map<String, Boolean> stored = join(store.putAllIfVersion(Map.of(
                "a", FencedWrite.of("A", TTL, USERS, a),
                "b", FencedWrite.of("B", TTL, USERS, b),
                "c", FencedWrite.of("C", TTL, EntryScope.none(), c))));
        assertThat(stored).containsExactlyInAnyOrderEntriesOf(Map.of("a", true, "b", false, "c", true));
        assertThat(join(store.read("a", USERS)).value()).isEqualTo("A");
        assertThat(join(store.read("a", USERS)).tags()).containsExactly("team:7");
        assertThat(join(store.read("b", USERS)).value()).isNull();
        assertThat(join(store.read("c", EntryScope.none())).value()).isEqualTo("C");
    }

    @Test
    void aBatchReadAnswersEveryKey() {
        SecondLevelStore<String, String> store = newStore();
        join(store.put("a", "A", TTL, EntryScope.none()));
        Map<String, SecondLevelRead<String>> reads =
                join(store.readAll(Map.of("a", EntryScope.none(), "b", EntryScope.none())));
        assertThat(reads).containsOnlyKeys("a", "b");
        assertThat(Objects.requireNonNull(reads.get("a")).value()).isEqualTo("A");
        assertThat(Objects.requireNonNull(reads.get("b")).value()).isNull();
    }

    // Races through a cache in front of the store (issue 11, items 1 to 3).

    private CacheAside<String, String> node(String name, SecondLevelStore<String, String> store) {
        return PerfCache.<String, String>builder()
                .name(name)
                .executor(Runnable::run)
                .expireAfterWrite(Duration.ofMinutes(10))
                .namespaceOf(key -> key.substring(0, key.indexOf(':')))
                .secondLevel(store)
                .build();
    }

    @Test
    void aWriteBackLandingAfterAKeyInvalidationIsNeverRead() throws Exception {
        GatedStore<String, String> store = new GatedStore<>(newStore());
        CacheAside<String, String> cache = node("a", store);
        Gate beforeWrite = new Gate();
        Gate afterWrite = new Gate();
        store.beforeWrite = beforeWrite;
        store.afterWrite = afterWrite;
        Future<String> old = threads.submit(() -> cache.get("user:1", key -> "old"));
        beforeWrite.awaitReached();
        cache.invalidate("user:1");
        beforeWrite.open();
        afterWrite.awaitReached();
        try {
            assertThat(cache.get("user:1", key -> "new")).isEqualTo("new");
        } finally {
            afterWrite.open();
        }
        assertThat(old.get(10, TimeUnit.SECONDS)).isEqualTo("old");
        assertThat(node("b", store).get("user:1", key -> "new-b")).isNotEqualTo("old");
    }

    @Test
    void aWriteBackLandingAfterANamespaceBumpIsNeverRead() throws Exception {
        raceWithWriteBack(cache -> cache.invalidateNamespace("user"));
    }

    @Test
    void aWriteBackLandingAfterATagInvalidationIsNeverRead() throws Exception {
        raceWithWriteBack(cache -> cache.invalidateTag("team:7"));
    }

    @Test
    void aWriteBackLandingAfterInvalidateAllIsNeverRead() throws Exception {
        raceWithWriteBack(CacheAside::invalidateAll);
    }

    private void raceWithWriteBack(Consumer<CacheAside<String, String>> invalidation) throws Exception {
        GatedStore<String, String> store = new GatedStore<>(newStore());
        CacheAside<String, String> cache = PerfCache.<String, String>builder()
                .executor(Runnable::run)
                .namespaceOf(key -> key.substring(0, key.indexOf(':')))
                .tagsOf(key -> List.of("team:7"))
                .secondLevel(store)
                .build();
        Gate beforeWrite = new Gate();
        store.beforeWrite = beforeWrite;
        Future<String> old = threads.submit(() -> cache.get("user:1", key -> "old"));
        beforeWrite.awaitReached(); // loaded and stored locally; the write-back is on its way
        invalidation.accept(cache);
        beforeWrite.open();
        assertThat(old.get(10, TimeUnit.SECONDS)).isEqualTo("old");
        assertThat(cache.get("user:1", key -> "new")).isEqualTo("new");
    }

    @Test
    void tagsReadFromTheStoreAreSeenByATagInvalidationDuringTheRead() throws Exception {
        GatedStore<String, String> store = new GatedStore<>(newStore());
        PerfCache.<String, String>builder().secondLevel(store).build().put("user:1", "old", List.of("team:7"));
        CacheAside<String, String> cache = node("a", store);
        Gate afterRead = new Gate();
        store.afterRead = afterRead;
        Future<String> read = threads.submit(() -> cache.get("user:1", key -> "loaded"));
        afterRead.awaitReached();
        cache.invalidateTag("team:7");
        afterRead.open();
        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("old");
        assertThat(cache.get("user:1", key -> "new")).isEqualTo("new");
    }

    @Test
    void aValueOneInstanceLoadedIsReadByAnother() throws InterruptedException {
        SecondLevelStore<String, String> store = newStore();
        assertThat(node("a", store).get("user:1", key -> "from-a")).isEqualTo("from-a");
        EntryScope scope = EntryScope.of("user", Set.of());
        for (int i = 0; i < 100 && join(store.read("user:1", scope)).value() == null; i++) {
            Thread.sleep(50); // the write-back does not wait
        }
        assertThat(node("b", store).get("user:1", key -> "from-b")).isEqualTo("from-a");
    }

    // Failures of the store: it throws, fails, hangs or answers garbage; no read fails and no key wedges.

    @Test
    void aStoreThatThrowsDegradesToTheLoader() {
        FailureChecks.readsSurvive(newStore(), FaultyStore.Fault.THROW);
    }

    @Test
    void aStoreThatFailsDegradesToTheLoader() {
        FailureChecks.readsSurvive(newStore(), FaultyStore.Fault.FAIL);
    }

    @Test
    void aStoreThatHangsTimesOutAndDegradesToTheLoader() {
        FailureChecks.readsSurvive(newStore(), FaultyStore.Fault.HANG);
    }

    @Test
    void aStoreThatAnswersNullDegradesToTheLoader() {
        FailureChecks.readsSurvive(newStore(), FaultyStore.Fault.NULL_FUTURE);
        FailureChecks.readsSurvive(newStore(), FaultyStore.Fault.NULL_READ);
    }

    @Test
    void badTagsFromTheStoreAreDroppedAndCounted() {
        FailureChecks.readsSurvive(newStore(), FaultyStore.Fault.BAD_TAGS);
    }

    // The seeded stress test with its invariant checker.

    /** Returns how many seeds the stress test runs; at least 20. */
    protected int stressSeeds() {
        return 20;
    }

    @Test
    void noReadReturnsAValueLoadedBeforeAnInvalidationThatReturnedUnderStress() throws Exception {
        List<String> violations = new java.util.ArrayList<>();
        for (long seed = 1; seed <= stressSeeds(); seed++) {
            violations.addAll(SecondLevelStress.run(seed, newStore()));
        }
        assertThat(violations)
                .as(
                        "%d seeds x %d threads x %d operations",
                        stressSeeds(), SecondLevelStress.THREADS, SecondLevelStress.OPS_PER_THREAD)
                .isEmpty();
    }
}
