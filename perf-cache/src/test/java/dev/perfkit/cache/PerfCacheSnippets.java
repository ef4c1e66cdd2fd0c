package dev.perfkit.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The usage examples of perf-cache's Javadoc and README, compiled here and run by {@link PerfCacheSnippetsTest}.
 * Each region is what a reader copies; the README holds the same text with its imports.
 */
class PerfCacheSnippets {
    record User(long id, String name) {}

    /** A table standing in for the database a user's loader would query. */
    static final class UserDao {
        final Map<Long, User> rows = new ConcurrentHashMap<>(Map.of(42L, new User(42, "Ada")));

        User find(long id) {
            return rows.get(id);
        }

        void rename(long id, String name) {
            rows.put(id, new User(id, name));
        }
    }

    final UserDao userDao = new UserDao();

    CacheAside<Long, User> basic() {
        // @start region="basic"
        CacheAside<Long, User> users = PerfCache.<Long, User>builder()
                .maximumSize(10_000)
                .expireAfterWrite(Duration.ofMinutes(10))
                .build();
        User ada = users.get(42L, id -> userDao.find(id)); // concurrent misses run the loader once
        users.invalidate(42L); // after the UPDATE committed
        // @end
        return users;
    }

    CacheAside<Long, User> full() {
        // @start region="full"
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

        User ada = users.get(42L, id -> userDao.find(id));

        AfterCommit<Long> pending = users.afterCommit(); // inside the transaction
        userDao.rename(42L, "Ada L.");
        pending.invalidate(42L);
        pending.commit(); // after the transaction committed; pending.rollback() drops the invalidation
        // @end
        return users;
    }

    CacheAside<String, User> builder() {
        // @start region="builder"
        CacheAside<String, User> bySku = PerfCache.<String, User>builder()
                .maximumSize(50_000)
                .expireAfterWrite(Duration.ofMinutes(10))
                .jitter(0.2) // keys loaded together do not expire together
                .negativeTtl(Duration.ofSeconds(30)) // "not found" is cached, briefly
                .namespaceOf(sku -> sku.substring(0, 3)) // invalidateNamespace("EU-") drops a whole region
                .tagsOf(sku -> List.of("catalog"))
                .loadTimeout(Duration.ofSeconds(5)) // waiters give up on a stuck loader
                .build();
        // @end
        return bySku;
    }

    double stats(CacheAside<Long, User> cache) {
        // @start region="stats"
        CacheStats s = cache.stats();
        double hitRate = s.hitRate();
        long sizeEvictions = s.evictions(EvictionCause.SIZE);
        // @end
        return hitRate + sizeEvictions;
    }
}
