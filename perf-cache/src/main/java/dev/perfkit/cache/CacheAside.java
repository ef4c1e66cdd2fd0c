package dev.perfkit.cache;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A cache-aside front for slow calls: reads go to the cache, misses run the loader once per key, and writes
 * invalidate by key, tag or namespace without ever re-caching a value read before the invalidation.
 *
 * <p>Built by {@link PerfCache#builder()}. Thread-safe. A load in flight while its key, one of its tags, its
 * namespace or the whole cache is invalidated still answers the callers already waiting for it, but its value is
 * not stored, and later callers start a new load.
 *
 * <p>With a {@linkplain dev.perfkit.cache.spi.SecondLevelStore second level} the promise is the same: once an
 * invalidation returned, no read returns a value loaded before it began, neither here nor, once the bus delivered
 * it, on other instances. It holds as long as the store confirms invalidations within the second-level timeout; a
 * failed one is logged and counted in {@link CacheStats#secondLevelFailureCount()}.
 *
 * {@snippet class=dev.perfkit.cache.PerfCacheSnippets region=basic}
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public interface CacheAside<K, V> extends AutoCloseable {
    /**
     * Returns the cached value of {@code key}, or loads it with {@code loader} (once for all concurrent callers).
     *
     * @return the value, or {@code null} when the loader found nothing
     * @throws NullPointerException if {@code key} or {@code loader} is null
     * @throws CacheLoadException if the load failed (its cause is what the loader threw), or the load timeout
     *     passed (its cause is a {@link java.util.concurrent.TimeoutException}); an {@link Error} of the loader is
     *     rethrown as is
     * @throws IllegalStateException if called from inside the loader of the same key (it would wait for itself)
     */
    @Nullable
    V get(K key, Loader<? super K, ? extends V> loader);

    /**
     * Returns the cached value of {@code key} without loading, or {@code null}.
     *
     * @throws NullPointerException if {@code key} is null
     */
    @Nullable
    V getIfPresent(K key);

    /**
     * Returns the values of {@code keys}; each key behaves as in {@link #get}.
     *
     * <p>Local hits are returned at once; those past their refresh age start one background bulk reload (at most
     * one reload per key). The keys missing locally join loads already in flight (from get or getAll), are read
     * from the second level in one batch ({@link dev.perfkit.cache.spi.SecondLevelStore#readAll}), and the rest is
     * loaded in ONE bulk loader call, whose values are written back to the second level. A key invalidated while
     * the bulk load runs gets the loaded value in the returned map, but it is not cached. Entries the bulk loader
     * returns for keys not asked for are cached too (locally only, and only if no invalidation began during the
     * load and the key has no value or load of its own), as Caffeine does.
     *
     * @return the keys that have a value, in no particular order; keys whose value is {@code null} are left out
     *     (an empty {@code Optional} is kept, as {@link #get} returns it)
     * @throws NullPointerException if {@code keys}, one of them, or {@code loader} is null
     * @throws CacheLoadException if a load failed
     */
    Map<K, V> getAll(Collection<? extends K> keys, BulkLoader<K, ? extends V> loader);

    /**
     * Like {@link #get}, but a miss runs the loader on the cache's executor; cancelling the returned future does
     * not cancel the load for other callers.
     *
     * @throws NullPointerException if {@code key} or {@code loader} is null
     */
    CompletableFuture<@Nullable V> getAsync(K key, Loader<? super K, ? extends V> loader);

    /**
     * Like {@link #getAll}, but the second-level read and the bulk load run on the cache's executor; local hits
     * are served in the calling thread, and no thread blocks waiting for loads already in flight. Cancelling the
     * returned future does not cancel the loads for other callers.
     *
     * @throws NullPointerException if {@code keys}, one of them, or {@code loader} is null
     */
    CompletableFuture<Map<K, V>> getAllAsync(Collection<? extends K> keys, BulkLoader<K, ? extends V> loader);

    /**
     * Stores {@code value} for {@code key} with the given tags, replacing any cached value; a load of this key in
     * flight will not overwrite it. The value is written to the second level, and other instances are told through
     * the bus to drop their copy.
     *
     * @throws NullPointerException if an argument or a tag is null
     * @throws IllegalArgumentException if a tag is empty or too long, or there are too many tags
     */
    void put(K key, V value, Collection<String> tags);

    /**
     * Stores {@code value} for {@code key} without extra tags (tags from the builder's tag function still apply).
     *
     * @throws NullPointerException if an argument is null
     */
    void put(K key, V value);

    /**
     * Drops {@code key} here, in the second level and, through the bus, on other instances.
     *
     * @throws NullPointerException if {@code key} is null
     */
    void invalidate(K key);

    /**
     * Drops every entry carrying {@code tag}; costs in proportion to those entries, never a scan of the cache.
     *
     * @throws NullPointerException if {@code tag} is null
     * @throws IllegalArgumentException if {@code tag} is empty or longer than 256 characters
     */
    void invalidateTag(String tag);

    /**
     * Drops every entry of {@code namespace} by bumping its epoch, in O(1).
     *
     * @throws NullPointerException if {@code namespace} is null
     */
    void invalidateNamespace(String namespace);

    /** Drops every entry. */
    void invalidateAll();

    /**
     * Starts a unit of work whose invalidations run only on {@link AfterCommit#commit()}.
     *
     * @return a new, empty unit of work
     */
    AfterCommit<K> afterCommit();

    /** Returns a snapshot of the counters. */
    CacheStats stats();

    /** Returns the approximate number of entries, including ones already invalid but not yet dropped. */
    long estimatedSize();

    /** Runs pending maintenance (expiry, eviction, listener calls) now; useful in tests. */
    void cleanUp();

    /** Unsubscribes from the invalidation bus; the cache stays usable as a local cache. */
    @Override
    void close();
}
