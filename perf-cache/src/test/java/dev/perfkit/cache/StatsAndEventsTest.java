package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class StatsAndEventsTest {
    private final FakeTicker ticker = new FakeTicker();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CacheEventListener recording = new CacheEventListener() {
        @Override
        public void loadSucceeded(Object key, long nanos) {
            events.add("loaded " + key + " in " + nanos);
        }

        @Override
        public void loadFailed(Object key, long nanos, Throwable error) {
            events.add("failed " + key + ": " + error.getMessage());
        }

        @Override
        public void invalidated(InvalidationKind kind, Object target, boolean remote) {
            events.add("invalidated " + kind + " " + target + (remote ? " remote" : ""));
        }
    };

    @Test
    void countersAndEventsFollowWhatTheCacheDid() {
        CacheAside<String, String> cache = PerfCache.<String, String>builder()
                .ticker(ticker)
                .recordStats()
                .listener(recording)
                .build();
        cache.get("k", key -> {
            ticker.advance(Duration.ofMillis(3));
            return "v";
        });
        cache.get("k", key -> "never");
        assertThatThrownBy(() -> cache.get("x", key -> {
                    throw new IllegalStateException("nope");
                }))
                .isInstanceOf(CacheLoadException.class);
        cache.invalidateTag("t");

        CacheStats stats = cache.stats();
        assertThat(stats.hitCount()).isEqualTo(1);
        assertThat(stats.missCount()).isEqualTo(2);
        assertThat(stats.loadSuccessCount()).isEqualTo(1);
        assertThat(stats.loadFailureCount()).isEqualTo(1);
        assertThat(stats.totalLoadTimeNanos()).isEqualTo(Duration.ofMillis(3).toNanos());
        assertThat(stats.hitRate()).isEqualTo(1.0 / 3);
        assertThat(events).containsExactly("loaded k in 3000000", "failed x: nope", "invalidated TAG t");
    }

    @Test
    void hitsAreNotCountedWithoutRecordStats() {
        CacheAside<String, String> cache = PerfCache.<String, String>builder().build();
        cache.get("k", key -> "v");
        cache.get("k", key -> "v");
        assertThat(cache.stats().hitCount()).isZero();
        assertThat(cache.stats().loadCount()).isEqualTo(1);
    }

    @Test
    void aThrowingListenerDoesNotBreakTheCache() {
        CacheAside<String, String> cache = PerfCache.<String, String>builder()
                .listener(new CacheEventListener() {
                    @Override
                    public void loadSucceeded(Object key, long nanos) {
                        throw new IllegalStateException("listener bug");
                    }
                })
                .build();
        assertThat(cache.get("k", key -> "v")).isEqualTo("v");
        assertThat(cache.getIfPresent("k")).isEqualTo("v");
    }
}
