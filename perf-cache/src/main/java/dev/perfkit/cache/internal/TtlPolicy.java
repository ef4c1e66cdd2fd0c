package dev.perfkit.cache.internal;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decides each new entry's durations: time to live (from the value, the write TTL or the negative TTL), shortened
 * by a jitter fixed per key, and the refresh age. Durations, not deadlines: only ticker differences are compared.
 */
final class TtlPolicy<K, V> {
    private final CacheConfig<K, V> config;

    TtlPolicy(CacheConfig<K, V> config) {
        this.config = config;
    }

    /** Returns the entry to store, or {@code null} when this result must not be cached. */
    @Nullable
    Entry<V> newEntry(
            K key,
            @Nullable V value,
            boolean absent,
            Namespace namespace,
            long namespaceEpoch,
            String[] tags,
            long now) {
        long ttl;
        if (absent) {
            if (config.negativeTtlNanos() == 0) {
                return null;
            }
            ttl = config.negativeTtlNanos();
        } else if (config.ttlFromValue() != null) {
            Duration fromValue = config.ttlFromValue().apply(key, Objects.requireNonNull(value));
            if (fromValue == null) {
                ttl = config.expireAfterWriteNanos();
            } else if (fromValue.isZero() || fromValue.isNegative()) {
                return null;
            } else {
                ttl = saturatedNanos(fromValue);
            }
        } else {
            ttl = config.expireAfterWriteNanos();
        }
        long lives = ttl == 0 ? Entry.FOREVER : jittered(key, ttl);
        long refresh = absent || config.refreshAfterNanos() == 0 ? Entry.FOREVER : config.refreshAfterNanos();
        return new Entry<>(value, absent, namespace, namespaceEpoch, tags, now, lives, refresh);
    }

    /** Shortens {@code ttl} by {@code jitter * u(key)} with u in [0, 1) a hash of the key, keeping at least 1 ns. */
    long jittered(K key, long ttl) {
        if (config.jitter() == 0.0) {
            return ttl;
        }
        return Math.max(1, ttl - (long) (ttl * config.jitter() * unit(key.hashCode())));
    }

    /** Spreads a hash code over [0, 1) with the MurmurHash3 finalizer, so similar keys get unrelated jitter. */
    static double unit(int hash) {
        long h = hash;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
