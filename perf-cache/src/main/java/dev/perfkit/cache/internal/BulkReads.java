package dev.perfkit.cache.internal;

import dev.perfkit.cache.BulkLoader;
import dev.perfkit.cache.Ticker;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;

/**
 * getAll and getAllAsync: each key behaves as in get. Local hits are served (stale ones at once, with one
 * background bulk reload for those no reload runs for yet), and the misses go to {@link BulkLoads}: second level
 * first, then one bulk loader call.
 */
final class BulkReads<K, V> {
    private final ConcurrentMap<K, Entry<V>> map;
    private final StatsCounter stats;
    private final Refreshes<K, V> refreshes;
    private final BulkLoads<K, V> loads;
    private final Ticker ticker;
    /** Whether entries age at all: without expiry no entry expires or goes stale, and no read needs the clock. */
    private final boolean needsClock;

    private final boolean recordsHits;

    BulkReads(
            CacheConfig<K, V> config,
            ConcurrentMap<K, Entry<V>> map,
            StatsCounter stats,
            Refreshes<K, V> refreshes,
            BulkLoads<K, V> loads) {
        this.map = map;
        this.stats = stats;
        this.refreshes = refreshes;
        this.loads = loads;
        this.ticker = config.ticker();
        this.needsClock = config.needsExpiry();
        this.recordsHits = config.recordStats();
    }

    Map<K, V> getAll(Collection<? extends K> keys, BulkLoader<K, ? extends V> loader) {
        Map<K, V> result = new HashMap<>();
        Set<K> missing = serveHits(keys, loader, result);
        if (!missing.isEmpty()) {
            result.putAll(loads.loadAll(missing, loader));
        }
        return result;
    }

    CompletableFuture<Map<K, V>> getAllAsync(Collection<? extends K> keys, BulkLoader<K, ? extends V> loader) {
        Map<K, V> result = new HashMap<>();
        Set<K> missing = serveHits(keys, loader, result);
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        return loads.loadAllAsync(missing, loader).thenApply(loaded -> {
            result.putAll(loaded);
            return result;
        });
    }

    /** Puts the present values of the local hits into {@code result}; returns the keys to load. */
    private Set<K> serveHits(Collection<? extends K> keys, BulkLoader<K, ? extends V> loader, Map<K, V> result) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(loader, "loader");
        long now = needsClock ? ticker.read() : 0L;
        Set<K> missing = new LinkedHashSet<>();
        Map<K, Entry<V>> stale = null;
        for (K key : keys) {
            Objects.requireNonNull(key, "keys must not contain null");
            Entry<V> entry = map.get(key);
            if (entry == null || !entry.isCurrent()) {
                missing.add(key);
                record(Refreshes.Freshness.EXPIRED);
                continue;
            }
            Refreshes.Freshness freshness = refreshes.classify(key, entry, now);
            if (freshness == Refreshes.Freshness.EXPIRED) {
                missing.add(key);
                record(freshness);
                continue;
            }
            if (freshness == Refreshes.Freshness.STALE) {
                if (stale == null) {
                    stale = new LinkedHashMap<>();
                }
                stale.put(key, entry);
            }
            record(freshness);
            if (entry.value != null) {
                result.put(key, entry.value); // an empty Optional too, as get returns it
            }
        }
        if (stale != null) {
            refreshes.refreshAll(stale, loader, now);
        }
        return missing;
    }

    private void record(Refreshes.Freshness freshness) {
        if (recordsHits) {
            switch (freshness) {
                case FRESH -> stats.hit();
                case STALE -> stats.staleHit();
                case EXPIRED -> stats.miss();
            }
        }
    }
}
