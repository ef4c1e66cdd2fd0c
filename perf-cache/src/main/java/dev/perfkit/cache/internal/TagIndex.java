package dev.perfkit.cache.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * From each tag to the entries that carry it, so a tag invalidation visits only those entries. Entries are
 * removed when the cache drops them (eviction, expiry, replacement), and a tag with no entries left is removed.
 */
final class TagIndex<K, V> {
  private final ConcurrentHashMap<String, ConcurrentHashMap<K, Entry<V>>> byTag = new ConcurrentHashMap<>();

  void add(K key, Entry<V> entry) {
    for (String tag : entry.tags) {
      byTag.compute(tag, (t, entries) -> {
        ConcurrentHashMap<K, Entry<V>> map = entries == null ? new ConcurrentHashMap<>() : entries;
        map.put(key, entry);
        return map;
      });
    }
  }

  /** Removes this very entry (not a newer one of the same key) from its tags. */
  void remove(K key, Entry<V> entry) {
    for (String tag : entry.tags) {
      byTag.computeIfPresent(tag, (t, entries) -> {
        entries.remove(key, entry);
        return entries.isEmpty() ? null : entries;
      });
    }
  }

  /** Returns a snapshot of the entries carrying {@code tag}. */
  List<Map.Entry<K, Entry<V>>> entries(String tag) {
    ConcurrentHashMap<K, Entry<V>> entries = byTag.get(tag);
    return entries == null ? List.of() : List.copyOf(entries.entrySet());
  }

  /** Returns the number of tags indexed; for tests of boundedness. */
  int tagCount() {
    return byTag.size();
  }
}
