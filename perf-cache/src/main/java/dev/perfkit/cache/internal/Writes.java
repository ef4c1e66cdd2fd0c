package dev.perfkit.cache.internal;

import dev.perfkit.cache.Ticker;
import java.util.Collection;
import java.util.concurrent.ConcurrentMap;

/**
 * Explicit puts: write the value to the second level (where it also fences off the write-backs of loads in flight
 * anywhere), then store it under the key's lock, detaching any local load in flight (it read older data and must
 * not overwrite this value).
 */
final class Writes<K, V> {
    private final ConcurrentMap<K, Entry<V>> map;
    private final Parts<K, V> parts;
    private final Flights<K, V> flights;
    private final Ticker ticker;

    Writes(ConcurrentMap<K, Entry<V>> map, Parts<K, V> parts, Flights<K, V> flights, Ticker ticker) {
        this.map = map;
        this.parts = parts;
        this.flights = flights;
        this.ticker = ticker;
    }

    void put(K key, V value, Collection<String> tags) {
        String[] all = parts.tags().of(key, tags);
        Namespace namespace = parts.namespaces().of(key);
        long now = ticker.read();
        Entry<V> entry =
                parts.ttl().newEntry(key, value, Completions.isAbsent(value), namespace, namespace.epoch, all, now);
        // The second level first, as an invalidation does: a local read in between (the local copy expired or was
        // evicted) must not find the second level's older copy after the local step, or it stays cached after put
        // returned. A load claimed before the second level changed is detached below; its write-back is fenced.
        if (entry != null && !entry.absent) {
            parts.secondTier().put(key, value, entry, now);
        } else {
            parts.secondTier().invalidate(key, Writes::nothing);
        }
        Entry<V> indexed = entry != null && all.length > 0 ? entry : null;
        if (indexed != null) {
            parts.tagIndex().add(key, indexed);
        }
        boolean stored = false;
        try {
            map.compute(key, (k, old) -> {
                flights.detachUnderLock(k); // a load in flight read older data: it must not overwrite this value
                return entry;
            });
            stored = true; // only once compute returned: a weigher that throws leaves nothing stored
        } finally {
            if (indexed != null && !stored) {
                parts.tagIndex().remove(indexed);
            }
        }
    }

    private static void nothing() {}
}
