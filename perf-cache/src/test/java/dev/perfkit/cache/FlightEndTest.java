package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every load in flight ends, whatever its second-level read, its tags or its loader do; none wedges its key. */
class FlightEndTest {
    private static final Duration BOUND = Duration.ofSeconds(10);
    private final InMemorySecondLevel<String, String> store = new InMemorySecondLevel<>();
    private final CacheAside<String, String> cache = PerfCache.<String, String>builder()
            .executor(Runnable::run)
            .secondLevel(store)
            .build();

    @Test
    void aSecondLevelValueWithBadTagsIsServedWithoutThemAndTheKeyStaysUsable() {
        store.corrupt("k", "stored", Set.of("", "x".repeat(300)));
        assertTimeoutPreemptively(BOUND, () -> {
            assertThat(cache.get("k", key -> "loaded")).isEqualTo("stored");
            assertThat(cache.get("k", key -> "loaded")).isEqualTo("stored");
        });
        assertThat(cache.stats().droppedTagCount()).isEqualTo(2);
    }

    @Test
    void tooManyTagsFromTheSecondLevelDoNotWedgeABatch() {
        Set<String> many = new java.util.HashSet<>();
        for (int i = 0; i < 40; i++) {
            many.add("t" + i);
        }
        store.corrupt("a", "stored", many);
        assertTimeoutPreemptively(BOUND, () -> {
            assertThat(cache.getAll(List.of("a", "b"), keys -> Map.of("b", "B")))
                    .containsEntry("a", "stored")
                    .containsEntry("b", "B");
            assertThat(cache.get("a", key -> "loaded")).isEqualTo("stored");
        });
        assertThat(cache.stats().droppedTagCount()).isEqualTo(8);
    }

    @Test
    void aHungSecondLevelReadTimesOutAndTheLoaderRuns() {
        store.hung = true;
        assertTimeoutPreemptively(BOUND, () -> {
            assertThat(cache.get("k", key -> "loaded")).isEqualTo("loaded");
            assertThat(cache.getAll(List.of("x"), keys -> Map.of("x", "X"))).containsEntry("x", "X");
        });
    }

    @Test
    void aGetOfTheSameKeyInsideItsOwnLoaderThrowsNamingTheKey() {
        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(() -> cache.get("user:42", key -> cache.get("user:42", again -> "inner")))
                        .rootCause()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("user:42"));
        assertTimeoutPreemptively(
                BOUND, () -> assertThat(cache.get("user:42", key -> "v")).isEqualTo("v"));
    }

    @Test
    void aGetOfABatchKeyInsideTheBulkLoaderThrowsNamingTheKey() {
        assertTimeoutPreemptively(
                BOUND,
                () -> assertThatThrownBy(() -> cache.getAll(
                                List.of("a", "b"), keys -> Map.of("a", String.valueOf(cache.get("b", k -> "inner")))))
                        .rootCause()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("b"));
    }
}
