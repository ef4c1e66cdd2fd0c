package dev.perfkit.cache.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.jspecify.annotations.Nullable;

/**
 * One cached value with everything the hit path checks: its namespace epoch and whether it is past its refresh age.
 * Times are kept as the ticker reading at the write plus durations, and only differences are compared, so a ticker
 * that wraps around is fine. Compared by identity, so conditional removes only ever drop this very entry.
 */
final class Entry<V> {
    static final long NO_FAILURE = Long.MIN_VALUE;
    /** A duration meaning "never". */
    static final long FOREVER = Long.MAX_VALUE;

    private static final AtomicLongFieldUpdater<Entry<?>> FAILED_SINCE = failedSinceUpdater();

    final @Nullable V value;
    final boolean absent;
    final Namespace namespace;
    final long namespaceEpoch;
    final String[] tags;
    /** The ticker reading when the value was loaded or put. */
    final long writtenAt;
    /** The time to live from {@link #writtenAt}, or {@link #FOREVER}. */
    final long ttl;
    /** The refresh age from {@link #writtenAt}, or {@link #FOREVER}. */
    final long refreshAfter;
    /**
     * The age below which a read may serve this entry by {@link RecentClock#recent()}: the time to live or the
     * refresh age, whichever comes first, less {@link RecentClock#SLACK}; {@link #FOREVER} when neither applies.
     */
    private final long quickAge;
    /** Set once the entry is past its refresh age, by the first read that sees it. */
    volatile boolean stale;
    /** When a background reload of this entry first failed, or {@link #NO_FAILURE}. */
    volatile long failedSince = NO_FAILURE;
    /**
     * The completed future getAsync hands out for this entry, made on the first asynchronous hit. Volatile: a
     * future published through a data race could be seen before its result.
     */
    private volatile @Nullable CompletableFuture<@Nullable V> completed;

    Entry(
            @Nullable V value,
            boolean absent,
            Namespace namespace,
            long namespaceEpoch,
            String[] tags,
            long writtenAt,
            long ttl,
            long refreshAfter) {
        this.value = value;
        this.absent = absent;
        this.namespace = namespace;
        this.namespaceEpoch = namespaceEpoch;
        this.tags = tags;
        this.writtenAt = writtenAt;
        this.ttl = ttl;
        this.refreshAfter = refreshAfter;
        long firstDeadline = Math.min(ttl, refreshAfter);
        this.quickAge = firstDeadline == FOREVER ? FOREVER : firstDeadline - RecentClock.SLACK;
    }

    /** Whether the namespace was not bumped since this entry was loaded. */
    boolean isCurrent() {
        return namespaceEpoch == namespace.epoch;
    }

    /**
     * Whether the entry is surely neither expired nor past its refresh age at the clock reading {@code recent} from
     * {@link RecentClock#recent()}. {@code false} means only "look at the clock": the slow path decides.
     */
    boolean isSurelyFresh(long recent) {
        return recent - writtenAt < quickAge;
    }

    /** Whether the entry's own time to live (jittered, negative or from the value) is over at {@code now}. */
    boolean isExpired(long now) {
        return ttl != FOREVER && now - writtenAt >= ttl;
    }

    /** Returns how long this entry still lives at {@code now}, or {@link #FOREVER}; never negative. */
    long remaining(long now) {
        return ttl == FOREVER ? FOREVER : Math.max(0, ttl - (now - writtenAt));
    }

    /** Whether the entry is past its refresh age at {@code now}; remembers it once true. */
    boolean isStale(long now) {
        if (stale) {
            return true;
        }
        if (refreshAfter != FOREVER && now - writtenAt >= refreshAfter) {
            stale = true;
            return true;
        }
        return false;
    }

    /**
     * Returns a completed future of the value, the same one on every call (two racing first calls may make two
     * equal ones). Callers must not complete or obtrude it.
     */
    CompletableFuture<@Nullable V> completedFuture() {
        CompletableFuture<@Nullable V> future = completed;
        if (future == null) {
            future = CompletableFuture.completedFuture(value);
            completed = future;
        }
        return future;
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
