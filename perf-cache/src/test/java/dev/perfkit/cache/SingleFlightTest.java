package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleFlightTest {
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final ManualExecutor background = new ManualExecutor();
    private final CacheAside<String, String> cache = PerfCache.<String, String>builder()
            .executor(background)
            .recordStats()
            .build();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void concurrentMissesRunTheLoaderOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            results.add(threads.submit(() -> cache.get("k", key -> {
                calls.incrementAndGet();
                release.await();
                return "v";
            })));
        }
        while (cache.stats().missCount() < 16) {
            Thread.onSpinWait(); // every caller has missed; each either joins the flight or finds the stored value
        }
        release.countDown();
        for (Future<String> result : results) {
            assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("v");
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void aFailureReachesEveryWaiterWithTheSameCauseAndIsNotCached() {
        IOException boom = new IOException("db down");
        AtomicInteger calls = new AtomicInteger();
        List<CompletableFuture<String>> waiters = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waiters.add(cache.getAsync("k", key -> {
                calls.incrementAndGet();
                throw boom;
            }));
        }
        assertThat(background.runAll()).isEqualTo(1);
        for (CompletableFuture<String> waiter : waiters) {
            assertThatThrownBy(waiter::join)
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOf(CacheLoadException.class)
                    .cause()
                    .isSameAs(boom);
        }
        assertThat(calls).hasValue(1);
        assertThat(cache.getIfPresent("k")).isNull();
        assertThat(cache.get("k", key -> "recovered")).isEqualTo("recovered");
        assertThat(cache.stats().loadFailureCount()).isEqualTo(1);
        assertThat(cache.stats().loadSuccessCount()).isEqualTo(1);
    }

    @Test
    void aSynchronousLoaderFailureReachesTheCallerAndTheJoinedWaiter() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = threads.submit(() -> cache.get("k", key -> {
            entered.countDown();
            release.await();
            throw boom;
        }));
        entered.await();
        CompletableFuture<String> joined = cache.getAsync("k", key -> "never");
        release.countDown();
        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(CacheLoadException.class)
                .cause()
                .isSameAs(boom);
        assertThatThrownBy(joined::join)
                .cause()
                .isInstanceOf(CacheLoadException.class)
                .cause()
                .isSameAs(boom);
        assertThat(cache.get("k", key -> "next")).isEqualTo("next");
    }

    @Test
    void cancellingOneCallerDoesNotCancelTheLoadForOthers() {
        CompletableFuture<String> cancelled = cache.getAsync("k", key -> "v");
        CompletableFuture<String> other = cache.getAsync("k", key -> "never");
        cancelled.cancel(true);
        background.runAll();
        assertThat(other.join()).isEqualTo("v");
        assertThat(cache.getIfPresent("k")).isEqualTo("v");
    }

    @Test
    void aRejectedAsyncLoadDoesNotWedgeTheKey() {
        CacheAside<String, String> rejecting = PerfCache.<String, String>builder()
                .executor(task -> {
                    throw new java.util.concurrent.RejectedExecutionException("full");
                })
                .build();
        assertThatThrownBy(() -> rejecting.getAsync("k", key -> "v").join())
                .cause()
                .isInstanceOf(CacheLoadException.class);
        assertThat(rejecting.get("k", key -> "v")).isEqualTo("v");
    }

    @Test
    void anInterruptedWaiterGivesUpWithoutWedgingTheKey() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> loader = threads.submit(() -> cache.get("k", key -> {
            entered.countDown();
            release.await();
            return "v";
        }));
        entered.await();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> cache.get("k", key -> "never"))
                .isInstanceOf(CacheLoadException.class)
                .hasMessageContaining("interrupted");
        assertThat(Thread.interrupted()).isTrue();
        release.countDown();
        assertThat(loader.get(10, TimeUnit.SECONDS)).isEqualTo("v");
        assertThat(cache.get("k", key -> "never")).isEqualTo("v");
    }

    @Test
    void bulkLoadsOnlyTheMissingKeysInOneCall() {
        cache.put("a", "A");
        AtomicInteger calls = new AtomicInteger();
        var result = cache.getAll(List.of("a", "b", "c"), keys -> {
            calls.incrementAndGet();
            assertThat(keys).containsExactly("b", "c");
            return java.util.Map.of("b", "B");
        });
        assertThat(result).containsOnly(java.util.Map.entry("a", "A"), java.util.Map.entry("b", "B"));
        assertThat(calls).hasValue(1);
        assertThat(cache.getAll(List.of("a", "b"), keys -> {
                    throw new AssertionError("all cached");
                }))
                .hasSize(2);
    }

    @Test
    void aFailedBulkLoadReleasesEveryKey() {
        assertThatThrownBy(() -> cache.getAll(List.of("a", "b"), keys -> {
                    throw new IOException("down");
                }))
                .isInstanceOf(CacheLoadException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(cache.get("a", key -> "A")).isEqualTo("A");
        assertThat(cache.getAllAsync(List.of("a", "b"), keys -> java.util.Map.of("b", "B"))
                        .isDone())
                .isFalse();
        background.runAll();
        assertThat(cache.getIfPresent("b")).isEqualTo("B");
    }
}
