package dev.perfkit.cache.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * From each tag to the entries that carry it, so a tag invalidation visits only those entries. Entries are
 * removed when the cache drops them (eviction, expiry, replacement), and a tag with no entries left is removed.
 *
 * <p>Indexed by entry identity, not by key: a load that is about to be refused (its flight was detached) may
 * index its entry while a newer entry of the same key is stored, and un-indexing its own entry must not drop the
 * newer one from the index.
 */
final class TagIndex<K, V> {
    private final ConcurrentHashMap<String, ConcurrentHashMap<Entry<V>, K>> byTag = new ConcurrentHashMap<>();

    void add(K key, Entry<V> entry) {
        for (String tag : entry.tags) {
            byTag.compute(tag, (t, entries) -> {
                ConcurrentHashMap<Entry<V>, K> map = entries == null ? new ConcurrentHashMap<>() : entries;
                map.put(entry, key);
                return map;
            });
        }
    }

    /** Removes this very entry from its tags. */
    void remove(Entry<V> entry) {
        for (String tag : entry.tags) {
            byTag.computeIfPresent(tag, (t, entries) -> {
                entries.remove(entry);
                return entries.isEmpty() ? null : entries;
            });
        }
    }

    /** Returns a snapshot of the entries carrying {@code tag}, each with its key. */
    List<Map.Entry<Entry<V>, K>> entries(String tag) {
        ConcurrentHashMap<Entry<V>, K> entries = byTag.get(tag);
        return entries == null ? List.of() : List.copyOf(entries.entrySet());
    }

    /** Returns the number of tags indexed; for tests of boundedness. */
    int tagCount() {
        return byTag.size();
    }
}
