package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AfterCommitTest {
    private final CacheAside<String, String> cache = PerfCache.<String, String>builder()
            .namespaceOf(key -> key.substring(0, 1))
            .build();

    @Test
    void invalidationsRunOnlyOnCommit() {
        cache.put("a1", "x", java.util.List.of("t"));
        cache.put("b1", "y");
        cache.put("c1", "z");
        AfterCommit<String> pending =
                cache.afterCommit().invalidate("a1").invalidateTag("t").invalidateNamespace("b");
        assertThat(cache.getIfPresent("a1")).as("nothing runs before commit").isEqualTo("x");
        assertThat(cache.getIfPresent("b1")).isEqualTo("y");
        pending.commit();
        assertThat(cache.getIfPresent("a1")).isNull();
        assertThat(cache.getIfPresent("b1")).isNull();
        assertThat(cache.getIfPresent("c1")).isEqualTo("z");
    }

    @Test
    void rollbackDropsTheInvalidations() {
        cache.put("a1", "x");
        AfterCommit<String> pending = cache.afterCommit().invalidate("a1");
        pending.rollback();
        assertThat(cache.getIfPresent("a1")).isEqualTo("x");
    }

    @Test
    void aUnitOfWorkFinishesOnlyOnce() {
        AfterCommit<String> committed = cache.afterCommit();
        committed.commit();
        assertThatThrownBy(committed::commit)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already committed or rolled back");
        assertThatThrownBy(committed::rollback).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> committed.invalidate("a1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nullsAreRejectedNamingTheParameter() {
        AfterCommit<String> pending = cache.afterCommit();
        assertThatThrownBy(() -> pending.invalidate(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key");
        assertThatThrownBy(() -> pending.invalidateTag(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("tag");
        assertThatThrownBy(() -> pending.invalidateNamespace(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("namespace");
    }
}
