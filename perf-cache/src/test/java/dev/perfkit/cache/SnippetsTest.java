package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The usage examples of the README and the Javadoc, compiled and run. */
class SnippetsTest {
    record User(long id, String name, long teamId) {}

    private final Map<Long, User> table = new java.util.concurrent.ConcurrentHashMap<>(
            Map.of(42L, new User(42, "Ada", 7), 43L, new User(43, "Alan", 7)));

    @Test
    void readme() {
        CacheAside<Long, User> users = PerfCache.<Long, User>builder()
                .maximumSize(10_000)
                .expireAfterWrite(Duration.ofMinutes(10))
                .jitter(0.1) // keys loaded together do not expire together
                .refreshAfter(Duration.ofMinutes(1)) // serve stale, reload once in the background
                .staleIfError(Duration.ofMinutes(5))
                .negativeTtl(Duration.ofSeconds(30)) // cache "not found" briefly
                .tagsOf(id -> List.of("users"))
                .recordStats()
                .build();

        User ada = users.get(42L, id -> table.get(id)); // concurrent misses run the loader once
        assertThat(ada.name()).isEqualTo("Ada");
        assertThat(users.get(99L, id -> table.get(id))).isNull();

        AfterCommit<Long> pending = users.afterCommit(); // inside the transaction
        table.put(42L, new User(42, "Ada L.", 7));
        pending.invalidate(42L);
        pending.commit(); // after the transaction committed

        assertThat(users.get(42L, id -> table.get(id)).name()).isEqualTo("Ada L.");
        users.invalidateTag("users");
        assertThat(users.stats().loadCount()).isEqualTo(3);
    }
}
