package dev.perfkit.cache.internal;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One load in flight for one key, shared by every caller that missed while it ran (single-flight).
 *
 * <p>An invalidation that hits the key, one of the tags or the whole cache sets {@link #detached} under the key's
 * lock in the cache map and removes the flight from the in-flight map: the callers already waiting still get its
 * result, later callers start a new load, and the result is not stored.
 */
final class Flight<V> {
    final CompletableFuture<@Nullable V> future = new CompletableFuture<>();
    final Namespace namespace;
    final long namespaceEpoch;
    final String[] tags;
    final boolean refresh;
    final long startedAt;
    volatile boolean detached;

    Flight(Namespace namespace, String[] tags, boolean refresh, long startedAt) {
        this.namespace = namespace;
        this.namespaceEpoch = namespace.epoch;
        this.tags = tags;
        this.refresh = refresh;
        this.startedAt = startedAt;
    }

    /** Whether a caller may still join: not detached and its namespace not bumped since it started. */
    boolean isJoinable() {
        return !detached && namespaceEpoch == namespace.epoch;
    }

    /** Whether the result may be stored; called under the key's lock in the cache map. */
    boolean mayStore() {
        return isJoinable();
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
