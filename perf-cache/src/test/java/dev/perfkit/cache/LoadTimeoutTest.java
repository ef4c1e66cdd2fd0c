package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An optional load timeout frees the callers waiting for a loader that does not return. */
class LoadTimeoutTest {
    /** Threads of this test's own, never the common pool: a blocked task there starves every later test. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "test-async");
        t.setDaemon(true);
        return t;
    });

    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void waitersGiveUpAfterTheLoadTimeoutAndTheLateValueIsNotStored() throws Exception {
        CacheAside<String, String> timed = PerfCache.<String, String>builder()
                .loadTimeout(Duration.ofSeconds(2))
                .build();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(
                () -> timed.get("k", key -> {
                    entered.countDown();
                    release.await();
                    return "late";
                }),
                THREADS);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(() -> timed.get("k", key -> "joined"))
                        .isInstanceOf(CacheLoadException.class)
                        .hasMessageContaining("k")
                        .hasRootCauseInstanceOf(java.util.concurrent.TimeoutException.class));
        assertThat(timed.get("k", key -> "fresh"))
                .as("after the timeout a caller starts a new load")
                .isEqualTo("fresh");
        release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("late");
        assertThat(timed.getIfPresent("k")).as("the late value is discarded").isEqualTo("fresh");
        assertThat(timed.stats().loadTimeoutCount()).isEqualTo(1);
    }
}
