package dev.perfkit.cache.internal;

import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Lets Caffeine expire each entry when its time to live has passed, and, with expire-after-access, earlier when
 * idle. Used only where Caffeine's fixed expire-after-write timer cannot bound every entry (see
 * {@link CacheConfig#fixedExpiry()}); reads judge refresh ages themselves.
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
        long remaining = entry.remaining(now);
        return accessNanos == 0 ? remaining : Math.min(remaining, accessNanos);
    }
}
