package dev.perfkit.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.PerfCache;
import dev.perfkit.cache.spi.SecondLevelStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a cache does when its store misbehaves: every read still answers (from the loader) within a bound, the key
 * never wedges, and the failure is counted. Used by {@link SecondLevelStoreContract}.
 */
final class FailureChecks {
    private static final Duration BOUND = Duration.ofSeconds(10);

    private FailureChecks() {}

    /** Reads through a store faulted with {@code fault} on every read and write-back. */
    static void readsSurvive(SecondLevelStore<String, String> store, FaultyStore.Fault fault) {
        FaultyStore<String, String> faulty = new FaultyStore<>(store);
        CacheAside<String, String> cache = PerfCache.<String, String>builder()
                .executor(Runnable::run)
                .secondLevelTimeout(Duration.ofMillis(200))
                .tagsOf(key -> List.of("t"))
                .secondLevel(faulty)
                .build();
        PerfCache.<String, String>builder().secondLevel(store).build().put("stored", "S");
        faulty.fault = fault;
        assertTimeoutPreemptively(BOUND, () -> {
            assertThat(cache.get("k", key -> "loaded")).as("fault %s", fault).isEqualTo("loaded");
            assertThat(cache.get("k", key -> "again"))
                    .as("fault %s: cached", fault)
                    .isEqualTo("loaded");
            assertThat(cache.getAll(List.of("x", "y"), keys -> Map.of("x", "X", "y", "Y")))
                    .as("fault %s", fault)
                    .containsEntry("x", "X")
                    .containsEntry("y", "Y");
            String stored = cache.get("stored", key -> "loaded-instead");
            assertThat(stored).as("fault %s", fault).isIn("S", "loaded-instead");
        });
        if (fault == FaultyStore.Fault.BAD_TAGS) {
            assertThat(cache.stats().droppedTagCount())
                    .as("bad tags are dropped and counted")
                    .isPositive();
        } else {
            assertThat(cache.stats().secondLevelFailureCount())
                    .as("fault %s is counted", fault)
                    .isPositive();
        }
        faulty.fault = FaultyStore.Fault.NONE;
        cache.invalidate("k");
        assertTimeoutPreemptively(
                BOUND, () -> assertThat(cache.get("k", key -> "fresh")).isEqualTo("fresh"));
    }
}
