package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The read/write race: a load reads the old row, a writer updates the row and invalidates, the load finishes.
 * Its callers get what it read, but it is not stored, and callers arriving after the invalidation load anew.
 */
class ReadWriteRaceTest {
    private final ExecutorService threads = Executors.newSingleThreadExecutor();
    private final ManualExecutor background = new ManualExecutor();
    private final FakeTicker ticker = new FakeTicker();
    private final CacheAside<String, String> cache = PerfCache.<String, String>builder()
            .ticker(ticker)
            .executor(background)
            .expireAfterWrite(Duration.ofMinutes(10))
            .namespaceOf(key -> key.substring(0, key.indexOf(':')))
            .tagsOf(key -> List.of("tag-of-" + key))
            .build();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void keyInvalidatedDuringLoadIsReturnedButNotStored() throws Exception {
        raceWith(c -> c.invalidate("user:1"));
    }

    @Test
    void tagInvalidatedDuringLoadIsReturnedButNotStored() throws Exception {
        raceWith(c -> c.invalidateTag("tag-of-user:1"));
    }

    @Test
    void namespaceInvalidatedDuringLoadIsReturnedButNotStored() throws Exception {
        raceWith(c -> c.invalidateNamespace("user"));
    }

    @Test
    void invalidateAllDuringLoadIsReturnedButNotStored() throws Exception {
        raceWith(CacheAside::invalidateAll);
    }

    @Test
    void afterCommitInvalidationDuringLoadIsReturnedButNotStored() throws Exception {
        raceWith(c -> {
            AfterCommit<String> pending = c.afterCommit().invalidate("user:1");
            pending.commit();
        });
    }

    @Test
    void putDuringLoadWinsOverTheOlderLoad() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> slow = threads.submit(() -> cache.get("user:1", key -> {
            entered.countDown();
            release.await();
            return "old";
        }));
        entered.await();
        cache.put("user:1", "written");
        release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("old");
        assertThat(cache.getIfPresent("user:1")).isEqualTo("written");
    }

    @Test
    void unrelatedInvalidationsDoNotStopTheStore() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> slow = threads.submit(() -> cache.get("user:1", key -> {
            entered.countDown();
            release.await();
            return "v";
        }));
        entered.await();
        cache.invalidate("user:2");
        cache.invalidateTag("tag-of-user:2");
        cache.invalidateNamespace("order");
        release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("v");
        assertThat(cache.getIfPresent("user:1")).isEqualTo("v");
    }

    /** Runs the race; the stale load finishes after a fresher one and must not overwrite it either. */
    private void raceWith(Consumer<CacheAside<String, String>> invalidation) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> stale = threads.submit(() -> cache.get("user:1", key -> {
            entered.countDown();
            release.await();
            return "old";
        }));
        entered.await();
        invalidation.accept(cache);

        CompletableFuture<String> after = cache.getAsync("user:1", key -> "new");
        background.runAll();
        assertThat(after.join())
                .as("a caller after the invalidation does not join the stale load")
                .isEqualTo("new");

        ticker.advance(Duration.ofSeconds(1));
        release.countDown();
        assertThat(stale.get(10, TimeUnit.SECONDS))
                .as("callers of the stale load still get its value")
                .isEqualTo("old");
        assertThat(cache.getIfPresent("user:1"))
                .as("the stale load did not overwrite")
                .isEqualTo("new");
    }
}
