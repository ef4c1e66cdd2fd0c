package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidationTest {
    private final CacheAside<String, String> cache = PerfCache.<String, String>builder()
            .executor(Runnable::run)
            .namespaceOf(key -> key.substring(0, key.indexOf(':')))
            .tagsOf(key -> key.endsWith("!") ? List.of("loud") : List.of())
            .recordStats()
            .build();

    @Test
    void invalidatingAKeyDropsOnlyThatKey() {
        cache.put("a:1", "x");
        cache.put("a:2", "y");
        cache.invalidate("a:1");
        assertThat(cache.getIfPresent("a:1")).isNull();
        assertThat(cache.getIfPresent("a:2")).isEqualTo("y");
        assertThat(cache.stats().invalidations(InvalidationKind.KEY)).isEqualTo(1);
    }

    @Test
    void invalidatingATagDropsEveryEntryCarryingIt() {
        cache.put("a:1", "x", List.of("team:7"));
        cache.put("b:2", "y", List.of("team:7", "user:2"));
        cache.put("b:3", "z", List.of("team:8"));
        cache.get("c:4!", key -> "loaded");
        cache.invalidateTag("team:7");
        assertThat(cache.getIfPresent("a:1")).isNull();
        assertThat(cache.getIfPresent("b:2")).isNull();
        assertThat(cache.getIfPresent("b:3")).isEqualTo("z");
        cache.invalidateTag("loud");
        assertThat(cache.getIfPresent("c:4!"))
                .as("tags from the tag function apply to loads")
                .isNull();
        assertThat(cache.stats().invalidations(InvalidationKind.TAG)).isEqualTo(2);
    }

    @Test
    void aReplacedEntryIsNotDroppedByItsOldTag() {
        cache.put("a:1", "old", List.of("t1"));
        cache.put("a:1", "new", List.of("t2"));
        cache.invalidateTag("t1");
        assertThat(cache.getIfPresent("a:1")).isEqualTo("new");
        cache.invalidateTag("t2");
        assertThat(cache.getIfPresent("a:1")).isNull();
    }

    @Test
    void bumpingANamespaceDropsItsEntriesOnly() {
        cache.put("a:1", "x");
        cache.put("a:2", "y");
        cache.put("b:1", "z");
        cache.invalidateNamespace("a");
        assertThat(cache.getIfPresent("a:1")).isNull();
        assertThat(cache.getIfPresent("a:2")).isNull();
        assertThat(cache.getIfPresent("b:1")).isEqualTo("z");
        assertThat(cache.get("a:1", key -> "reloaded")).isEqualTo("reloaded");
        assertThat(cache.getIfPresent("a:1")).isEqualTo("reloaded");
        cache.invalidateNamespace("never-used");
        assertThat(cache.stats().invalidations(InvalidationKind.NAMESPACE)).isEqualTo(2);
    }

    @Test
    void invalidateAllDropsEverything() {
        cache.put("a:1", "x");
        cache.put("b:1", "y");
        cache.invalidateAll();
        assertThat(cache.getIfPresent("a:1")).isNull();
        assertThat(cache.getIfPresent("b:1")).isNull();
        assertThat(cache.stats().invalidations(InvalidationKind.ALL)).isEqualTo(1);
    }

    @Test
    void emptyTagIsRejected() {
        assertThatThrownBy(() -> cache.put("a:1", "x", List.of("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tag must be 1 to 256 characters, but was '' (0 characters)");
    }

    @Test
    void overlongTagIsRejected() {
        String tag = "t".repeat(257);
        assertThatThrownBy(() -> cache.put("a:1", "x", List.of(tag)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tag must be 1 to 256 characters, but was '" + "t".repeat(40) + "...' (257 characters)");
    }

    @Test
    void tooManyTagsAreRejected() {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            tags.add("t" + i);
        }
        assertThatThrownBy(() -> cache.put("a:1", "x", tags))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an entry may carry at most 32 tags, but key a:1 has 33");
        assertThat(cache.getIfPresent("a:1")).isNull();
    }

    @Test
    void nullTagIsRejected() {
        assertThatThrownBy(() -> cache.put("a:1", "x", Collections.singletonList(null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("tag");
    }

    @Test
    void badTagsFromTheTagFunctionFailTheGetButDoNotWedgeTheKey() {
        CacheAside<String, String> bad = PerfCache.<String, String>builder()
                .tagsOf(key -> key.equals("bad") ? List.of("") : List.of())
                .build();
        assertThatThrownBy(() -> bad.get("bad", key -> "v")).isInstanceOf(IllegalArgumentException.class);
        assertThat(bad.get("good", key -> "v")).isEqualTo("v");
    }
}
