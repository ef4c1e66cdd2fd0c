package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PerfCacheBuilderTest {
    private final PerfCache.Builder<String, String> builder = PerfCache.builder();

    @Test
    void zeroMaximumSizeIsRejectedWithTheValue() {
        assertThatThrownBy(() -> builder.maximumSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximumSize must be positive, but was 0");
    }

    @Test
    void negativeMaximumWeightIsRejectedWithTheValue() {
        assertThatThrownBy(() -> builder.maximumWeight(-5, (k, v) -> 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximumWeight must be positive, but was -5");
    }

    @Test
    void sizeAndWeightCannotBeCombined() {
        builder.maximumSize(10);
        assertThatThrownBy(() -> builder.maximumWeight(10, (k, v) -> 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maximumSize");
    }

    @Test
    void zeroAndNegativeDurationsAreRejectedNamingParameterAndValue() {
        assertThatThrownBy(() -> builder.expireAfterWrite(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expireAfterWrite must be a positive duration, but was PT0S");
        assertThatThrownBy(() -> builder.expireAfterAccess(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expireAfterAccess must be a positive duration, but was PT-1S");
        assertThatThrownBy(() -> builder.refreshAfter(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refreshAfter");
        assertThatThrownBy(() -> builder.negativeTtl(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negativeTtl")
                .hasMessageContaining("PT-0.001S");
        assertThatThrownBy(() -> builder.staleIfError(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("staleIfError");
    }

    @Test
    void jitterOutsideZeroToOneIsRejectedWithTheRange() {
        assertThatThrownBy(() -> builder.jitter(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jitter must be in [0, 1), but was 1.0");
        assertThatThrownBy(() -> builder.jitter(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jitter must be in [0, 1), but was -0.1");
        assertThatThrownBy(() -> builder.jitter(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jitter must be in [0, 1), but was NaN");
        assertThat(builder.jitter(0.0)).isSameAs(builder);
        assertThat(builder.jitter(0.999)).isSameAs(builder);
    }

    @Test
    void refreshMustBeShorterThanTimeToLive() {
        builder.expireAfterWrite(Duration.ofMinutes(1)).refreshAfter(Duration.ofMinutes(1));
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refreshAfter (PT1M) must be shorter than expireAfterWrite (PT1M)");
    }

    @Test
    void staleIfErrorNeedsRefresh() {
        builder.staleIfError(Duration.ofMinutes(1));
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("staleIfError needs refreshAfter");
    }

    @Test
    void nullSettingsAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> builder.ticker(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("ticker");
        assertThatThrownBy(() -> builder.executor(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("executor");
        assertThatThrownBy(() -> builder.listener(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("listener");
        assertThatThrownBy(() -> builder.expireAfterWrite(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("expireAfterWrite");
    }

    @Test
    void blankNameIsRejected() {
        assertThatThrownBy(() -> builder.name(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name must be 1 to 200");
    }

    @Test
    void nullKeysAndLoadersAreRejectedNamingTheParameter() {
        CacheAside<String, String> cache = builder.build();
        assertThatThrownBy(() -> cache.get(null, k -> "v"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key");
        assertThatThrownBy(() -> cache.get("k", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("loader");
        assertThatThrownBy(() -> cache.getAsync(null, k -> "v"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key");
        assertThatThrownBy(() -> cache.getIfPresent(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key");
        assertThatThrownBy(() -> cache.invalidate(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key");
        assertThatThrownBy(() -> cache.invalidateTag(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("tag");
        assertThatThrownBy(() -> cache.invalidateNamespace(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("namespace");
        assertThatThrownBy(() -> cache.put(null, "v"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key");
        assertThatThrownBy(() -> cache.put("k", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("value");
        assertThatThrownBy(() -> cache.getAll(java.util.Arrays.asList("a", null), keys -> java.util.Map.of()))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("keys");
    }

    @Test
    void timeoutsMustBePositiveAndNameTheValue() {
        assertThatThrownBy(() -> builder.loadTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loadTimeout must be a positive duration, but was PT0S");
        assertThatThrownBy(() -> builder.secondLevelTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secondLevelTimeout must be a positive duration, but was PT-0.001S");
        assertThatThrownBy(() -> builder.loadTimeout(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("loadTimeout");
    }

    @Test
    void statsCountersMustNotBeNegative() {
        assertThatThrownBy(() -> CacheStats.builder().hitCount(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hitCount must be zero or positive, but was -1");
        assertThatThrownBy(() -> CacheStats.builder().invalidations(InvalidationKind.FLUSH, -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flushes must be zero or positive, but was -2");
    }

    @Test
    void statsAreValuesBuiltFromTheirCounters() {
        CacheStats stats = CacheStats.builder()
                .hitCount(3)
                .missCount(1)
                .evictions(EvictionCause.SIZE, 2)
                .invalidations(InvalidationKind.TAG, 4)
                .build();
        assertThat(stats.hitRate()).isEqualTo(0.75);
        assertThat(stats.evictions(EvictionCause.SIZE)).isEqualTo(2);
        assertThat(stats.invalidations(InvalidationKind.TAG)).isEqualTo(4);
        assertThat(stats)
                .isEqualTo(CacheStats.builder()
                        .hitCount(3)
                        .missCount(1)
                        .sizeEvictions(2)
                        .tagInvalidations(4)
                        .build())
                .isNotEqualTo(CacheStats.empty());
        assertThat(stats.toString()).contains("hitCount=3", "tagInvalidations=4");
        assertThat(CacheStats.empty().hitRate()).isEqualTo(1.0);
    }
}
