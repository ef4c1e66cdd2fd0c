package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Storing a loaded value runs the maintenance it schedules on the storing thread, so a fill does not wake a pool
 * thread; hits leave their maintenance to the executor.
 */
class StoreMaintenanceTest {
    private final ManualExecutor executor = new ManualExecutor();
    private final List<String> evicted = new CopyOnWriteArrayList<>();
    private final CacheAside<Integer, String> cache = PerfCache.<Integer, String>builder()
            .maximumSize(1)
            .executor(executor)
            .listener(new CacheEventListener() {
                @Override
                public void evicted(Object key, EvictionCause cause) {
                    evicted.add(key + " " + cause);
                }
            })
            .build();

    @Test
    void aLoadThatPushesAnEntryOutEvictsItBeforeTheGetReturns() {
        cache.get(1, key -> "one");
        cache.get(2, key -> "two");

        assertThat(evicted).containsExactly("1 SIZE");
        assertThat(executor.queued()).isZero();
        assertThat(cache.get(2, key -> "reloaded")).isEqualTo("two");
    }

    @Test
    void hitsLeaveTheirMaintenanceToTheExecutor() {
        cache.get(1, key -> "one");
        for (int i = 0; i < 1_000; i++) {
            cache.get(1, key -> "never");
        }

        assertThat(executor.queued()).isPositive();
        executor.runAll();
        assertThat(evicted).isEmpty();
    }
}
