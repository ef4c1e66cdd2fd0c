package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpiryPolicyTest {
    private final FakeTicker ticker = new FakeTicker();
    private final AtomicInteger loads = new AtomicInteger();

    private String load(String key) {
        return key + "#" + loads.incrementAndGet();
    }

    private PerfCache.Builder<String, String> builder() {
        return PerfCache.<String, String>builder().ticker(ticker).executor(Runnable::run);
    }

    @Test
    void entriesExpireAfterWrite() {
        CacheAside<String, String> cache =
                builder().expireAfterWrite(Duration.ofSeconds(10)).build();
        assertThat(cache.get("k", this::load)).isEqualTo("k#1");
        ticker.advance(Duration.ofSeconds(9));
        assertThat(cache.get("k", this::load)).isEqualTo("k#1");
        ticker.advance(Duration.ofSeconds(1));
        assertThat(cache.get("k", this::load)).isEqualTo("k#2");
    }

    @Test
    void entriesExpireWhenIdleButNotWhileRead() {
        CacheAside<String, String> cache =
                builder().expireAfterAccess(Duration.ofSeconds(10)).build();
        cache.get("k", this::load);
        for (int i = 0; i < 5; i++) {
            ticker.advance(Duration.ofSeconds(8));
            assertThat(cache.get("k", this::load)).isEqualTo("k#1");
        }
        ticker.advance(Duration.ofSeconds(11));
        assertThat(cache.get("k", this::load)).isEqualTo("k#2");
    }

    @Test
    void jitterShortensEachKeysTtlByAFixedPerKeyAmount() {
        Set<String> aliveFirst = aliveAt75Percent();
        Set<String> aliveAgain = aliveAt75Percent();
        assertThat(aliveFirst).as("keys loaded together do not expire together").hasSizeBetween(50, 150);
        assertThat(aliveAgain).as("each key keeps its deadline").isEqualTo(aliveFirst);
    }

    private Set<String> aliveAt75Percent() {
        FakeTicker clock = new FakeTicker();
        CacheAside<String, String> cache = PerfCache.<String, String>builder()
                .ticker(clock)
                .executor(Runnable::run)
                .expireAfterWrite(Duration.ofSeconds(100))
                .jitter(0.5)
                .build();
        for (int i = 0; i < 200; i++) {
            cache.put("key-" + i, "v");
        }
        clock.advance(Duration.ofSeconds(50).minusNanos(1));
        for (int i = 0; i < 200; i++) {
            assertThat(cache.getIfPresent("key-" + i))
                    .as("jitter shortens by at most half")
                    .isEqualTo("v");
        }
        clock.advance(Duration.ofSeconds(25));
        Set<String> alive = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            if (cache.getIfPresent("key-" + i) != null) {
                alive.add("key-" + i);
            }
        }
        clock.advance(Duration.ofSeconds(25));
        for (int i = 0; i < 200; i++) {
            assertThat(cache.getIfPresent("key-" + i))
                    .as("never longer than the TTL")
                    .isNull();
        }
        return alive;
    }

    @Test
    void ttlComesFromTheValueAndZeroMeansDoNotCache() {
        CacheAside<String, String> cache = builder()
                .expireAfterWrite(Duration.ofHours(1))
                .ttlFromValue((key, value) -> switch (key) {
                    case "short" -> Duration.ofSeconds(1);
                    case "never" -> Duration.ZERO;
                    default -> null;
                })
                .build();
        cache.get("short", this::load);
        cache.get("default", this::load);
        cache.get("never", this::load);
        assertThat(cache.getIfPresent("never")).isNull();
        ticker.advance(Duration.ofSeconds(2));
        assertThat(cache.getIfPresent("short")).isNull();
        assertThat(cache.getIfPresent("default")).isEqualTo("default#2");
    }

    @Test
    void nullIsNotCachedWithoutNegativeCaching() {
        CacheAside<String, String> cache = builder().build();
        assertThat(cache.get("k", key -> {
                    loads.incrementAndGet();
                    return null;
                }))
                .isNull();
        cache.get("k", key -> {
            loads.incrementAndGet();
            return null;
        });
        assertThat(loads).hasValue(2);
    }

    @Test
    void absentResultsAreCachedForTheNegativeTtl() {
        CacheAside<String, String> cache = builder()
                .expireAfterWrite(Duration.ofHours(1))
                .negativeTtl(Duration.ofSeconds(30))
                .build();
        Loader<String, String> nothing = key -> {
            loads.incrementAndGet();
            return null;
        };
        assertThat(cache.get("k", nothing)).isNull();
        assertThat(cache.get("k", nothing)).isNull();
        assertThat(loads).hasValue(1);
        assertThat(cache.getAll(java.util.List.of("k"), keys -> java.util.Map.of()))
                .isEmpty();
        ticker.advance(Duration.ofSeconds(30));
        cache.get("k", nothing);
        assertThat(loads).hasValue(2);
    }

    @Test
    void emptyOptionalCountsAsAbsent() {
        CacheAside<String, Optional<String>> off =
                PerfCache.<String, Optional<String>>builder().build();
        off.get("k", key -> {
            loads.incrementAndGet();
            return Optional.empty();
        });
        assertThat(off.getIfPresent("k")).isNull();

        CacheAside<String, Optional<String>> on = PerfCache.<String, Optional<String>>builder()
                .ticker(ticker)
                .negativeTtl(Duration.ofSeconds(5))
                .build();
        assertThat(on.get("k", key -> Optional.empty())).isEmpty();
        assertThat(on.get("k", key -> Optional.of("loaded again"))).isEmpty();
    }

    @Test
    void maximumSizeEvictsAndCountsBySize() {
        AtomicInteger evicted = new AtomicInteger();
        CacheAside<Integer, String> cache = PerfCache.<Integer, String>builder()
                .executor(Runnable::run)
                .maximumSize(10)
                .listener(new CacheEventListener() {
                    @Override
                    public void evicted(Object key, EvictionCause cause) {
                        if (cause == EvictionCause.SIZE) {
                            evicted.incrementAndGet();
                        }
                    }
                })
                .build();
        for (int i = 0; i < 100; i++) {
            cache.put(i, "v" + i);
        }
        cache.cleanUp();
        assertThat(cache.estimatedSize()).isEqualTo(10);
        assertThat(cache.stats().evictions(EvictionCause.SIZE)).isEqualTo(90);
        assertThat(evicted).hasValue(90);
    }

    @Test
    void maximumWeightBoundsTheSumOfWeights() {
        CacheAside<Integer, String> cache = PerfCache.<Integer, String>builder()
                .executor(Runnable::run)
                .maximumWeight(100, (key, value) -> value.length())
                .build();
        for (int i = 0; i < 50; i++) {
            cache.put(i, "0123456789");
        }
        cache.cleanUp();
        assertThat(cache.estimatedSize()).isLessThanOrEqualTo(10);
    }

    @Test
    void expiryIsCountedAsAnEviction() {
        CacheAside<String, String> cache =
                builder().expireAfterWrite(Duration.ofSeconds(1)).build();
        cache.put("k", "v");
        ticker.advance(Duration.ofSeconds(2));
        cache.cleanUp();
        assertThat(cache.stats().evictions(EvictionCause.EXPIRED)).isEqualTo(1);
    }
}
