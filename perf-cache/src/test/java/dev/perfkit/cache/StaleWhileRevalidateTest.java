package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StaleWhileRevalidateTest {
    private final FakeTicker ticker = new FakeTicker();
    private final ManualExecutor background = new ManualExecutor();
    private final AtomicInteger version = new AtomicInteger();
    private final CacheAside<String, String> cache = PerfCache.<String, String>builder()
            .ticker(ticker)
            .executor(background)
            .expireAfterWrite(Duration.ofMinutes(30))
            .refreshAfter(Duration.ofMinutes(1))
            .staleIfError(Duration.ofMinutes(5))
            .recordStats()
            .build();
    private final Loader<String, String> versioned = key -> "v" + version.incrementAndGet();
    private final Loader<String, String> failing = key -> {
        throw new IOException("source down");
    };

    @Test
    void staleEntryIsServedAtOnceWhileOneReloadRuns() {
        assertThat(cache.get("k", versioned)).isEqualTo("v1");
        ticker.advance(Duration.ofMinutes(2));
        assertThat(cache.get("k", versioned)).isEqualTo("v1");
        assertThat(cache.get("k", versioned)).isEqualTo("v1");
        assertThat(cache.stats().refreshCount())
                .as("at most one background reload")
                .isEqualTo(1);
        background.runAll();
        assertThat(cache.get("k", versioned)).isEqualTo("v2");
        assertThat(cache.stats().refreshCount()).isEqualTo(1);
        assertThat(cache.stats().staleHitCount()).isEqualTo(2);
    }

    @Test
    void failedReloadKeepsServingTheOldValueForTheStaleIfErrorWindowThenSurfaces() {
        cache.get("k", versioned);
        ticker.advance(Duration.ofMinutes(2));
        assertThat(cache.get("k", failing)).isEqualTo("v1");
        background.runAll();
        assertThat(cache.stats().refreshFailureCount()).isEqualTo(1);

        ticker.advance(Duration.ofMinutes(4));
        assertThat(cache.get("k", failing)).as("inside the window").isEqualTo("v1");
        background.runAll();

        ticker.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> cache.get("k", failing))
                .as("window over: the failure surfaces")
                .isInstanceOf(CacheLoadException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(cache.get("k", versioned)).as("and the next get retries").isEqualTo("v2");
    }

    @Test
    void successfulReloadClearsTheFailure() {
        cache.get("k", versioned);
        ticker.advance(Duration.ofMinutes(2));
        cache.get("k", failing);
        background.runAll();
        cache.get("k", versioned);
        background.runAll();
        ticker.advance(Duration.ofMinutes(6));
        assertThat(cache.get("k", versioned))
                .as("a stale hit of the fresh entry, not a surfaced failure")
                .isEqualTo("v2");
    }

    @Test
    void invalidatedDuringReloadIsNotStored() {
        cache.get("k", versioned);
        ticker.advance(Duration.ofMinutes(2));
        cache.get("k", versioned);
        cache.invalidate("k");
        background.runAll();
        assertThat(cache.getIfPresent("k")).as("Caffeine issue 193").isNull();
    }

    @Test
    void aReloadOutlastingTheRefreshAgeDoesNotBlockTheNextOne() {
        cache.get("k", versioned);
        ticker.advance(Duration.ofMinutes(2));
        cache.get("k", key -> "hung");
        ticker.advance(Duration.ofSeconds(30));
        cache.get("k", versioned);
        assertThat(cache.stats().refreshCount())
                .as("the first reload is still young")
                .isEqualTo(1);
        ticker.advance(Duration.ofMinutes(1));
        cache.get("k", versioned);
        assertThat(cache.stats().refreshCount())
                .as("Caffeine issue 175: a new reload replaces the stuck one")
                .isEqualTo(2);
        background.runAll();
        assertThat(cache.getIfPresent("k"))
                .as("the abandoned reload does not overwrite")
                .isEqualTo("v2");
    }

    @Test
    void reloadFindingNothingDropsTheEntry() {
        cache.get("k", versioned);
        ticker.advance(Duration.ofMinutes(2));
        cache.get("k", key -> null);
        background.runAll();
        assertThat(cache.getIfPresent("k")).isNull();
    }
}
