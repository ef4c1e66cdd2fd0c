package dev.perfkit.cache.internal;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.jspecify.annotations.Nullable;

/**
 * One cached value with everything the hit path checks: its namespace epoch and its refresh deadline. Compared by
 * identity, so conditional removes only ever drop this very entry.
 */
final class Entry<V> {
    static final long NO_FAILURE = Long.MIN_VALUE;
    private static final AtomicLongFieldUpdater<Entry<?>> FAILED_SINCE = failedSinceUpdater();

    final @Nullable V value;
    final boolean absent;
    final Namespace namespace;
    final long namespaceEpoch;
    final String[] tags;
    final long expiresAt;
    final long refreshAt;
    /** When a background reload of this entry first failed, or {@link #NO_FAILURE}. */
    volatile long failedSince = NO_FAILURE;

    Entry(
            @Nullable V value,
            boolean absent,
            Namespace namespace,
            long namespaceEpoch,
            String[] tags,
            long expiresAt,
            long refreshAt) {
        this.value = value;
        this.absent = absent;
        this.namespace = namespace;
        this.namespaceEpoch = namespaceEpoch;
        this.tags = tags;
        this.expiresAt = expiresAt;
        this.refreshAt = refreshAt;
    }

    /** Whether the namespace was not bumped since this entry was loaded. */
    boolean isCurrent() {
        return namespaceEpoch == namespace.epoch;
    }

    /** Records the first failure of a reload; later failures keep the first time. */
    void markFailed(long now) {
        FAILED_SINCE.compareAndSet(this, NO_FAILURE, now);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static AtomicLongFieldUpdater<Entry<?>> failedSinceUpdater() {
        return (AtomicLongFieldUpdater) AtomicLongFieldUpdater.newUpdater(Entry.class, "failedSince");
    }
}
