package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs the usage examples of {@link PerfCacheSnippets}, so the documented code is known to work. */
class PerfCacheSnippetsTest {
    private final PerfCacheSnippets snippets = new PerfCacheSnippets();

    @Test
    void basicLoadsOnceAndInvalidates() {
        CacheAside<Long, PerfCacheSnippets.User> users = snippets.basic();
        assertThat(users.getIfPresent(42L)).isNull();
        assertThat(users.stats().loadCount()).isEqualTo(1);
    }

    @Test
    void fullInvalidatesAfterCommit() {
        CacheAside<Long, PerfCacheSnippets.User> users = snippets.full();
        assertThat(users.get(42L, id -> snippets.userDao.find(id)).name()).isEqualTo("Ada L.");
        assertThat(users.stats().loadCount()).isEqualTo(2);
        assertThat(snippets.stats(users)).isEqualTo(users.stats().hitRate());
    }

    @Test
    void builderBuilds() {
        CacheAside<String, PerfCacheSnippets.User> bySku = snippets.builder();
        assertThat(bySku.get("EU-1", sku -> new PerfCacheSnippets.User(1, sku)).name())
                .isEqualTo("EU-1");
        bySku.invalidateNamespace("EU-");
        assertThat(bySku.getIfPresent("EU-1")).isNull();
    }
}
