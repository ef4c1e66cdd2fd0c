package dev.perfkit.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import dev.perfkit.cache.AfterCommit;
import dev.perfkit.cache.BulkLoader;
import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.CacheStats;
import dev.perfkit.cache.Loader;
import dev.perfkit.cache.Ticker;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The cache-aside implementation: the hit path (one Caffeine lookup, an epoch compare and an age check against the
 * clock reading Caffeine already made) and puts. Misses go to {@link Loads}, bulk reads to {@link BulkReads}, stale
 * entries to {@link Refreshes}, invalidations to {@link Invalidations}.
 */
public final class DefaultCacheAside<K, V> implements CacheAside<K, V> {
    private final Cache<K, Entry<V>> cache;
    private final ConcurrentMap<K, Entry<V>> map;
    private final Parts<K, V> parts;
    private final StatsCounter stats;
    private final Loads<K, V> loads;
    private final Refreshes<K, V> refreshes;
    private final Writes<K, V> writes;
    private final BulkReads<K, V> bulkReads;
    private final Invalidations<K, V> invalidations;
    private final RecentClock clock;
    private final Ticker ticker;
    private final boolean recordsHits;

    /**
     * Builds the cache from validated settings; use {@link dev.perfkit.cache.PerfCache#builder()} instead.
     *
     * @param config the settings
     */
    public DefaultCacheAside(CacheConfig<K, V> config) {
        this.stats = new StatsCounter();
        this.parts = new Parts<>(
                new Namespaces<>(config.namespaceOf()),
                new Tags<>(config.tagsOf()),
                new TagIndex<>(),
                new TtlPolicy<>(config),
                stats,
                new Events(config.listener()),
                new SecondTier<>(config.secondLevel(), config.secondLevelTimeoutNanos(), stats),
                new InvalidationCounts(),
                new RecentClock(config.ticker()),
                config.tagsOfValue());
        this.cache = CaffeineSetup.builder(config, parts).build();
        this.map = cache.asMap();
        Ticker ticker = config.ticker();
        Flights<K, V> flights = new Flights<>(map, parts, config.loadTimeoutNanos());
        Completions<K, V> completions = new Completions<>(map, parts, flights, ticker);
        LoaderCalls<K, V> calls = new LoaderCalls<>(parts, ticker);
        this.writes = new Writes<>(map, parts, flights, ticker);
        this.loads = new Loads<>(parts, flights, completions, calls, config.executor());
        this.refreshes = new Refreshes<>(config, map, parts, flights, completions, calls);
        this.bulkReads = new BulkReads<>(
                config, map, stats, refreshes, new BulkLoads<>(parts, flights, completions, calls, config.executor()));
        this.invalidations = new Invalidations<>(config, cache, parts, flights);
        this.clock = parts.clock();
        this.ticker = ticker;
        this.recordsHits = config.recordStats();
        invalidations.subscribe();
    }

    /*
     * The hit path: one Caffeine lookup, an epoch compare and an age check, no clock read of its own. Caffeine reads
     * the clock (RecentClock) for its own expiry, which leaves a reading at most RecentClock.SLACK old; an entry
     * fresh by more than that at this reading is fresh. Only an entry near or past its refresh age or its own time
     * to live (jitter and negative entries expire before Caffeine's fixed timer) takes the slow path (Refreshes),
     * which reads the clock. Kept small so it inlines.
     */

    @Override
    public @Nullable V get(K key, Loader<? super K, ? extends V> loader) {
        Objects.requireNonNull(loader, "loader");
        Entry<V> entry = map.get(Objects.requireNonNull(key, "key"));
        if (entry != null && entry.isCurrent() && entry.isSurelyFresh(clock.recent())) {
            if (recordsHits) {
                stats.hit();
            }
            return entry.value;
        }
        return getSlow(key, loader, entry);
    }

    private @Nullable V getSlow(K key, Loader<? super K, ? extends V> loader, @Nullable Entry<V> entry) {
        if (entry != null && entry.isCurrent() && refreshes.serve(key, entry, loader)) {
            return entry.value;
        }
        if (recordsHits) {
            stats.miss();
        }
        return loads.load(key, loader);
    }

    /**
     * For perf-cache's HTTP layer: {@link #get}, but a caller joining another thread's load waits at most
     * {@code waitNanos} and then gets a {@link TimeoutException}; the load keeps running and may still store its value.
     */
    public @Nullable V getBounded(K key, Loader<? super K, ? extends V> loader, long waitNanos)
            throws TimeoutException {
        Objects.requireNonNull(loader, "loader");
        Entry<V> entry = map.get(Objects.requireNonNull(key, "key"));
        if (entry != null && entry.isCurrent() && (entry.isSurelyFresh(clock.recent()) || isFreshNow(key, entry))) {
            if (recordsHits) {
                stats.hit();
            }
            return entry.value;
        }
        if (recordsHits) {
            stats.miss();
        }
        return loads.loadBounded(key, loader, waitNanos);
    }

    /**
     * For perf-cache's HTTP layer: reloads the entry holding {@code expected} in the calling thread, at most one reload
     * per key, or returns the reload already running; {@code null} when the entry is gone or replaced. See
     * {@link Revalidation}.
     */
    public @Nullable Revalidation<V> revalidate(
            K key, V expected, Loader<? super K, ? extends V> loader, long abandonAfterNanos) {
        return refreshes.revalidate(
                Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(expected, "expected"),
                Objects.requireNonNull(loader, "loader"),
                abandonAfterNanos);
    }

    /**
     * Whether an entry the hit path could not judge is neither expired (then it is dropped) nor past its refresh age
     * by the clock.
     */
    private boolean isFreshNow(K key, Entry<V> entry) {
        long now = ticker.read();
        return !refreshes.expire(key, entry, now) && !entry.isStale(now);
    }

    /** For perf-cache's HTTP layer: drops the key's entry only if it still holds this very value (expiry, not an invalidation). */
    public void removeIfSame(K key, V expected) {
        Entry<V> entry = map.get(key);
        if (entry != null && entry.value == expected) {
            map.remove(key, entry);
        }
    }

    @Override
    public @Nullable V getIfPresent(K key) {
        Objects.requireNonNull(key, "key");
        Entry<V> entry = map.get(key);
        if (entry != null
                && entry.isCurrent()
                && (entry.isSurelyFresh(clock.recent()) || !refreshes.expire(key, entry, ticker.read()))) {
            if (recordsHits) {
                stats.hit();
            }
            return entry.value;
        }
        if (recordsHits) {
            stats.miss();
        }
        return null;
    }

    /** A hit returns the entry's own completed future, the same on every hit: no allocation. */
    @Override
    public CompletableFuture<@Nullable V> getAsync(K key, Loader<? super K, ? extends V> loader) {
        Objects.requireNonNull(loader, "loader");
        Entry<V> entry = map.get(Objects.requireNonNull(key, "key"));
        if (entry != null && entry.isCurrent()) {
            if (entry.isSurelyFresh(clock.recent())) {
                if (recordsHits) {
                    stats.hit();
                }
                return entry.completedFuture();
            }
            if (refreshes.serve(key, entry, loader)) {
                return entry.completedFuture();
            }
        }
        if (recordsHits) {
            stats.miss();
        }
        return loads.loadAsync(key, loader);
    }

    @Override
    public Map<K, V> getAll(Collection<? extends K> keys, BulkLoader<K, ? extends V> loader) {
        return bulkReads.getAll(keys, loader);
    }

    @Override
    public CompletableFuture<Map<K, V>> getAllAsync(Collection<? extends K> keys, BulkLoader<K, ? extends V> loader) {
        return bulkReads.getAllAsync(keys, loader);
    }

    @Override
    public void put(K key, V value) {
        put(key, value, List.of());
    }

    @Override
    public void put(K key, V value, Collection<String> tags) {
        writes.put(
                Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(value, "value"),
                Objects.requireNonNull(tags, "tags"));
        invalidations.announce(key);
    }

    @Override
    public void invalidate(K key) {
        invalidations.key(Objects.requireNonNull(key, "key"));
    }

    @Override
    public void invalidateTag(String tag) {
        invalidations.tag(Objects.requireNonNull(tag, "tag"));
    }

    @Override
    public void invalidateNamespace(String namespace) {
        invalidations.namespace(Objects.requireNonNull(namespace, "namespace"));
    }

    @Override
    public void invalidateAll() {
        invalidations.all();
    }

    @Override
    public AfterCommit<K> afterCommit() {
        return new DefaultAfterCommit<>(this);
    }

    @Override
    public CacheStats stats() {
        return stats.snapshot();
    }

    @Override
    public long estimatedSize() {
        return cache.estimatedSize();
    }

    @Override
    public void cleanUp() {
        cache.cleanUp();
    }

    @Override
    public void close() {
        invalidations.unsubscribe();
    }

    /** Returns the number of tags in the tag index; for tests of boundedness. */
    int indexedTagCount() {
        return parts.tagIndex().tagCount();
    }
}
