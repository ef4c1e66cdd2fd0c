package dev.perfkit.cache.http;

import java.util.EnumMap;
import java.util.Map;

/** A snapshot of the response cache's counters; from {@link HttpResponseCache#stats()}. */
public final class HttpCacheStats {
    private final long hits;
    private final long misses;
    private final long staleServed;
    private final long revalidations;
    private final long revalidationsNotModified;
    private final long notModified;
    private final long notModifiedBytesSaved;
    private final long collapsed;
    private final long collapseTimeouts;
    private final long passedThrough;
    private final long stored;
    private final Map<StoreRefusal, Long> refusals;
    private final long purgeFailures;

    private HttpCacheStats(long[] c, Map<StoreRefusal, Long> refusals) {
        this.hits = c[0];
        this.misses = c[1];
        this.staleServed = c[2];
        this.revalidations = c[3];
        this.revalidationsNotModified = c[4];
        this.notModified = c[5];
        this.notModifiedBytesSaved = c[6];
        this.collapsed = c[7];
        this.collapseTimeouts = c[8];
        this.passedThrough = c[9];
        this.stored = c[10];
        this.purgeFailures = c[11];
        this.refusals = Map.copyOf(refusals);
    }

    /**
     * For the implementation: a snapshot from counters in the order hits, misses, stale served, revalidations,
     * revalidations not modified, 304s, bytes saved, collapsed, collapse timeouts, passed through, stored, purge
     * failures.
     */
    static HttpCacheStats of(long[] counters, long[] refusalCounts) {
        Map<StoreRefusal, Long> refusals = new EnumMap<>(StoreRefusal.class);
        for (StoreRefusal r : StoreRefusal.values()) {
            refusals.put(r, refusalCounts[r.ordinal()]);
        }
        return new HttpCacheStats(counters.clone(), refusals);
    }

    /** Fresh stored responses served. */
    public long hitCount() {
        return hits;
    }

    /** Requests the handler answered because nothing usable was stored. */
    public long missCount() {
        return misses;
    }

    /** Stale responses served. */
    public long staleServedCount() {
        return staleServed;
    }

    /** Revalidations of stored responses (background or synchronous). */
    public long revalidationCount() {
        return revalidations;
    }

    /** Revalidations the version function or a 304 of the handler answered without a new body. */
    public long revalidationNotModifiedCount() {
        return revalidationsNotModified;
    }

    /** 304 responses sent. */
    public long notModifiedCount() {
        return notModified;
    }

    /** Body bytes the 304s did not send. */
    public long notModifiedBytesSaved() {
        return notModifiedBytesSaved;
    }

    /** Requests served from another request's render (request collapsing). */
    public long collapsedCount() {
        return collapsed;
    }

    /** Requests that stopped waiting for another request's render and ran the handler themselves. */
    public long collapseTimeoutCount() {
        return collapseTimeouts;
    }

    /** Requests on a route that were passed to the handler without the cache (unknown methods, HEAD misses...). */
    public long passedThroughCount() {
        return passedThrough;
    }

    /** Responses stored. */
    public long storedCount() {
        return stored;
    }

    /** Responses not stored, for this reason. */
    public long refusedCount(StoreRefusal reason) {
        return refusals.getOrDefault(reason, 0L);
    }

    /** Failed calls of a {@link PurgeSink}. */
    public long purgeFailureCount() {
        return purgeFailures;
    }

    @Override
    public String toString() {
        return "HttpCacheStats[hits=" + hits + ", misses=" + misses + ", stale=" + staleServed + ", revalidations="
                + revalidations + ", 304s=" + notModified + ", collapsed=" + collapsed + ", stored=" + stored
                + ", refused=" + refusals + "]";
    }
}
