package dev.perfkit.cache.internal;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One load in flight for one key, shared by every caller that missed while it ran (single-flight).
 *
 * <p>An invalidation that hits the key, one of the tags, the namespace or the whole cache sets {@link #detached}
 * under the key's lock in the cache map and removes the flight from the in-flight map: the callers already waiting
 * still get its result, later callers start a new load, and the result is not stored.
 */
final class Flight<V> {
    final CompletableFuture<@Nullable V> future = new CompletableFuture<>();
    final Namespace namespace;
    final long namespaceEpoch;
    /** The tag invalidation count when the flight started; see {@link InvalidationCounts}. */
    final long tagInvalidationsAtStart;
    /** Any invalidation count when the flight started. */
    final long invalidationsAtStart;

    final boolean refresh;
    final long startedAt;
    /** The tags known so far: the key's own, plus those read from the second level. */
    volatile String[] tags;
    /**
     * Whether the value may carry tags no tag invalidation could see: set while a second-level read is pending and
     * kept when it returned a value (its stored tags); cleared when it missed (a loaded value has the key's tags).
     */
    volatile boolean tagsFromSecondLevel;

    /**
     * Whether the value brings tags of its own ({@link CacheConfig#tagsOfValue()}), which no tag invalidation could see
     * while the load ran: then any tag invalidation since the start refuses the store.
     */
    volatile boolean tagsFromValue;

    volatile boolean detached;
    /** The thread running the loader, so a get of the same key from inside it fails instead of deadlocking. */
    volatile @Nullable Thread owner;
    /** Whether the loaded value may be written back to the second level, with {@link #fence}. */
    volatile boolean fenced;
    /** The fence version the second level returned before the load began. */
    volatile long fence;

    Flight(Namespace namespace, String[] tags, boolean refresh, long startedAt, InvalidationCounts counts) {
        this.namespace = namespace;
        this.namespaceEpoch = namespace.epoch;
        this.tagInvalidationsAtStart = counts.tags();
        this.invalidationsAtStart = counts.any();
        this.tags = tags;
        this.refresh = refresh;
        this.startedAt = startedAt;
    }

    /**
     * Whether a caller may still join, and the result may be stored (checked under the key's lock in the cache map):
     * not detached, its namespace not bumped since it started and, if its tags may come from the second level
     * (invisible to tag invalidations while the read ran), no tag invalidation since it started.
     */
    boolean isValid(InvalidationCounts counts) {
        return !detached
                && namespaceEpoch == namespace.epoch
                && (!(tagsFromSecondLevel || tagsFromValue) || counts.tags() == tagInvalidationsAtStart);
    }

    boolean hasTag(String tag) {
        for (String t : tags) {
            if (t.equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
