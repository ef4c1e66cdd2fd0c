package dev.perfkit.cache.internal;

import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Lets Caffeine expire each entry at the deadline stored in it, and, with expire-after-access, earlier when idle.
 */
final class EntryExpiry<K, V> implements Expiry<K, Entry<V>> {
    private final long accessNanos;

    EntryExpiry(long accessNanos) {
        this.accessNanos = accessNanos;
    }

    @Override
    public long expireAfterCreate(K key, Entry<V> entry, long now) {
        return untilDeadline(entry, now);
    }

    @Override
    public long expireAfterUpdate(K key, Entry<V> entry, long now, long currentDuration) {
        return untilDeadline(entry, now);
    }

    @Override
    public long expireAfterRead(K key, Entry<V> entry, long now, long currentDuration) {
        return accessNanos == 0 ? currentDuration : untilDeadline(entry, now);
    }

    private long untilDeadline(Entry<V> entry, long now) {
        long remaining = entry.expiresAt == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, entry.expiresAt - now);
        return accessNanos == 0 ? remaining : Math.min(remaining, accessNanos);
    }
}
