package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Only differences between ticker reads matter, as the {@link Ticker} contract says: a ticker may wrap around. */
class TickerOverflowTest {
    private final AtomicLong now =
            new AtomicLong(Long.MAX_VALUE - Duration.ofSeconds(30).toNanos());
    private final AtomicInteger loads = new AtomicInteger();
    private final CacheAside<String, String> cache = PerfCache.<String, String>builder()
            .executor(Runnable::run)
            .ticker(now::get)
            .expireAfterWrite(Duration.ofMinutes(10))
            .refreshAfter(Duration.ofMinutes(1))
            .build();

    private String load(String key) {
        return key + loads.incrementAndGet();
    }

    @Test
    void entriesExpireAcrossTheOverflowOfTheTicker() {
        cache.get("k", this::load);
        now.addAndGet(Duration.ofMinutes(11).toNanos());
        assertThat(cache.getIfPresent("k")).isNull();
    }

    @Test
    void refreshStartsAcrossTheOverflowOfTheTicker() {
        assertThat(cache.get("k", this::load)).isEqualTo("k1");
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThat(cache.get("k", this::load))
                .as("stale, served while reloading")
                .isEqualTo("k1");
        assertThat(cache.get("k", this::load)).as("reloaded").isEqualTo("k2");
    }

    @Test
    void aFreshEntryIsAHitJustAfterTheOverflow() {
        assertThat(cache.get("k", this::load)).isEqualTo("k1");
        now.addAndGet(Duration.ofSeconds(40).toNanos());
        assertThat(cache.get("k", this::load)).isEqualTo("k1");
        assertThat(loads).hasValue(1);
    }
}
