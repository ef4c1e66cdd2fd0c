package dev.perfkit.cache;

/**
 * An immutable snapshot of what a cache did since it was built, in the spirit of Caffeine's {@code CacheStats}.
 *
 * <p>perf-metrics turns these counters into meters; this type knows nothing of any metrics library. Hits, stale
 * hits and misses are counted only when the cache was built with {@link CacheAsideBuilder#recordStats()}; every
 * other counter is always kept.
 *
 * <pre>{@code
 * CacheStats s = cache.stats();
 * double hitRate = s.hitRate();
 * long sizeEvictions = s.evictions(EvictionCause.SIZE);
 * }</pre>
 *
 * @param hitCount reads answered from the cache with a fresh value
 * @param staleHitCount reads answered with a value past its refresh age (served while revalidating or on error)
 * @param missCount reads that had to wait for a load
 * @param loadSuccessCount loader calls that returned (including absent results)
 * @param loadFailureCount loader calls that threw
 * @param totalLoadTimeNanos time spent in loaders
 * @param refreshCount background reloads started
 * @param refreshFailureCount background reloads that threw
 * @param sizeEvictions entries evicted for size or weight
 * @param expiredEvictions entries dropped because their time to live or to idle elapsed
 * @param collectedEvictions entries reclaimed by the garbage collector
 * @param keyInvalidations invalidations of one key
 * @param tagInvalidations invalidations of a tag
 * @param namespaceInvalidations namespace epoch bumps
 * @param allInvalidations invalidations of the whole cache
 * @param flushes local flushes because invalidation messages may have been lost
 */
public record CacheStats(
        long hitCount,
        long staleHitCount,
        long missCount,
        long loadSuccessCount,
        long loadFailureCount,
        long totalLoadTimeNanos,
        long refreshCount,
        long refreshFailureCount,
        long sizeEvictions,
        long expiredEvictions,
        long collectedEvictions,
        long keyInvalidations,
        long tagInvalidations,
        long namespaceInvalidations,
        long allInvalidations,
        long flushes) {

    /** Returns all reads: hits, stale hits and misses. */
    public long requestCount() {
        return hitCount + staleHitCount + missCount;
    }

    /** Returns the share of reads answered without waiting for a load (fresh or stale), or 1 with no reads. */
    public double hitRate() {
        long requests = requestCount();
        return requests == 0 ? 1.0 : (double) (hitCount + staleHitCount) / requests;
    }

    /** Returns loader calls, successful or not. */
    public long loadCount() {
        return loadSuccessCount + loadFailureCount;
    }

    /**
     * Returns the evictions for one cause.
     *
     * @param cause the cause
     */
    public long evictions(EvictionCause cause) {
        return switch (cause) {
            case SIZE -> sizeEvictions;
            case EXPIRED -> expiredEvictions;
            case COLLECTED -> collectedEvictions;
        };
    }

    /**
     * Returns the invalidations of one kind.
     *
     * @param kind the kind
     */
    public long invalidations(InvalidationKind kind) {
        return switch (kind) {
            case KEY -> keyInvalidations;
            case TAG -> tagInvalidations;
            case NAMESPACE -> namespaceInvalidations;
            case ALL -> allInvalidations;
            case FLUSH -> flushes;
        };
    }
}
