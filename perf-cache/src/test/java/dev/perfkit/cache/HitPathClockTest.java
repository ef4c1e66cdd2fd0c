package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A fresh hit with every policy on reads the clock once (Caffeine's read for expiry), never a second time. */
class HitPathClockTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger reads = new AtomicInteger();
    private final CacheAside<String, String> cache = PerfCache.<String, String>builder()
            .executor(Runnable::run)
            .ticker(() -> {
                reads.incrementAndGet();
                return now.get();
            })
            .maximumSize(100)
            .expireAfterWrite(Duration.ofMinutes(10))
            .jitter(0.1)
            .refreshAfter(Duration.ofMinutes(1))
            .staleIfError(Duration.ofMinutes(5))
            .negativeTtl(Duration.ofSeconds(30))
            .tagsOf(key -> List.of("users"))
            .recordStats()
            .build();

    @Test
    void aFreshHitReadsTheClockOnce() {
        cache.put("k", "v");
        cache.cleanUp();
        reads.set(0);
        assertThat(cache.get("k", key -> "loaded")).isEqualTo("v");
        assertThat(reads).hasValueLessThanOrEqualTo(1);
        reads.set(0);
        assertThat(cache.getAsync("k", key -> "loaded")).isCompletedWithValue("v");
        assertThat(reads).hasValueLessThanOrEqualTo(1);
    }

    @Test
    void aStaleHitIsStillSeenAndReloaded() {
        cache.put("k", "v");
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThat(cache.get("k", key -> "reloaded")).isEqualTo("v");
        assertThat(cache.get("k", key -> "again")).isEqualTo("reloaded");
        assertThat(cache.stats().staleHitCount()).isEqualTo(1);
    }
}
