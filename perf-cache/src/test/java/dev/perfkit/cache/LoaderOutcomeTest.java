package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What get, getAll and getAsync make of what a loader returns or throws. */
class LoaderOutcomeTest {
    static final class LoaderError extends Error {
        LoaderError() {
            super("out of something");
        }
    }

    private final CacheAside<String, String> cache =
            PerfCache.<String, String>builder().executor(Runnable::run).build();

    @Test
    void anErrorThrownByTheLoaderIsRethrownAsIs() {
        assertThatThrownBy(() -> cache.get("k", key -> {
                    throw new LoaderError();
                }))
                .isExactlyInstanceOf(LoaderError.class);
        assertThatThrownBy(() -> cache.getAll(List.of("a"), keys -> {
                    throw new LoaderError();
                }))
                .isExactlyInstanceOf(LoaderError.class);
        assertThat(cache.get("k", key -> "v")).isEqualTo("v");
    }

    @Test
    void extraEntriesOfABulkLoadAreCached() {
        assertThat(cache.getAll(List.of("a"), keys -> Map.of("a", "A", "b", "B")))
                .containsOnlyKeys("a");
        assertThat(cache.getIfPresent("b")).isEqualTo("B");
    }

    @Test
    void getAndGetAllAgreeOnAnEmptyOptional() {
        CacheAside<String, Optional<String>> optional = PerfCache.<String, Optional<String>>builder()
                .negativeTtl(Duration.ofMinutes(1))
                .build();
        assertThat(optional.get("a", key -> Optional.empty())).isEmpty();
        assertThat(optional.getAll(List.of("a"), keys -> Map.of())).containsEntry("a", Optional.empty());
        assertThat(optional.getAll(List.of("b"), keys -> Map.of("b", Optional.empty())))
                .containsEntry("b", Optional.empty());
        assertThat(optional.get("b", key -> Optional.of("loaded"))).isEmpty();
    }

    @Test
    void aFailedBulkLoadNamesAFewKeysAndTheCount() {
        Set<String> keys = new java.util.LinkedHashSet<>();
        for (int i = 0; i < 100; i++) {
            keys.add("key-" + i);
        }
        assertThatThrownBy(() -> cache.getAll(keys, ks -> {
                    throw new IllegalStateException("db down");
                }))
                .isInstanceOf(CacheLoadException.class)
                .hasMessageContaining("100 keys")
                .hasMessageContaining("db down")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void aHitOfGetAsyncReturnsTheSameCompletedFuture() {
        cache.put("k", "v");
        CompletableFuture<String> first = cache.getAsync("k", key -> "loaded");
        assertThat(first).isCompletedWithValue("v");
        assertThat(cache.getAsync("k", key -> "loaded")).isSameAs(first);
    }

    @Test
    void anEmptyTagIsRejectedByName() {
        assertThatThrownBy(() -> cache.invalidateTag(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tag");
        assertThatThrownBy(() -> cache.afterCommit().invalidateTag(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tag");
    }

    @Test
    void refreshAfterWithoutExpireAfterWriteIsRejectedByName() {
        assertThatThrownBy(() -> PerfCache.<String, String>builder()
                        .refreshAfter(Duration.ofMinutes(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refreshAfter")
                .hasMessageContaining("expireAfterWrite");
    }
}
