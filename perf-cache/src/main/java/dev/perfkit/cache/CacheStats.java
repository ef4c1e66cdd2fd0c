package dev.perfkit.cache;

import java.util.Arrays;

/**
 * An immutable snapshot of what a cache did since it was built, in the spirit of Caffeine's {@code CacheStats}.
 *
 * <p>perf-metrics turns these counters into meters; this type knows nothing of any metrics library. Hits, stale
 * hits and misses are counted only when the cache was built with {@link PerfCache.Builder#recordStats()}; every
 * other counter is always kept. A final class with a builder rather than a record, so counters can be added.
 *
 * {@snippet class=dev.perfkit.cache.PerfCacheSnippets region=stats}
 */
public final class CacheStats {
    private static final CacheStats EMPTY = builder().build();

    private final long[] counts;

    private CacheStats(long[] counts) {
        this.counts = counts;
    }

    /** Returns a builder with every counter at zero. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the snapshot with every counter at zero. */
    public static CacheStats empty() {
        return EMPTY;
    }

    /** Returns reads answered from the cache with a fresh value. */
    public long hitCount() {
        return counts[Counter.HIT.ordinal()];
    }

    /** Returns reads answered with a value past its refresh age (served while revalidating or on error). */
    public long staleHitCount() {
        return counts[Counter.STALE_HIT.ordinal()];
    }

    /** Returns reads that had to wait for a load. */
    public long missCount() {
        return counts[Counter.MISS.ordinal()];
    }

    /** Returns loader calls that returned (including absent results). */
    public long loadSuccessCount() {
        return counts[Counter.LOAD_SUCCESS.ordinal()];
    }

    /** Returns loader calls that threw. */
    public long loadFailureCount() {
        return counts[Counter.LOAD_FAILURE.ordinal()];
    }

    /** Returns loads whose waiters gave up after the load timeout. */
    public long loadTimeoutCount() {
        return counts[Counter.LOAD_TIMEOUT.ordinal()];
    }

    /** Returns the time spent in loaders, in nanoseconds. */
    public long totalLoadTimeNanos() {
        return counts[Counter.LOAD_NANOS.ordinal()];
    }

    /** Returns background reloads started. */
    public long refreshCount() {
        return counts[Counter.REFRESH.ordinal()];
    }

    /** Returns background reloads that threw. */
    public long refreshFailureCount() {
        return counts[Counter.REFRESH_FAILURE.ordinal()];
    }

    /** Returns second-level calls that failed or timed out (each then treated as a miss or skipped). */
    public long secondLevelFailureCount() {
        return counts[Counter.SECOND_LEVEL_FAILURE.ordinal()];
    }

    /** Returns tags read from the second level and dropped because they were empty, too long or too many. */
    public long droppedTagCount() {
        return counts[Counter.DROPPED_TAG.ordinal()];
    }

    /** Returns entries evicted for size or weight. */
    public long sizeEvictions() {
        return counts[Counter.SIZE_EVICTION.ordinal()];
    }

    /** Returns entries dropped because their time to live or to idle elapsed. */
    public long expiredEvictions() {
        return counts[Counter.EXPIRED_EVICTION.ordinal()];
    }

    /** Returns invalidations of one key. */
    public long keyInvalidations() {
        return counts[Counter.KEY_INVALIDATION.ordinal()];
    }

    /** Returns invalidations of a tag. */
    public long tagInvalidations() {
        return counts[Counter.TAG_INVALIDATION.ordinal()];
    }

    /** Returns namespace epoch bumps. */
    public long namespaceInvalidations() {
        return counts[Counter.NAMESPACE_INVALIDATION.ordinal()];
    }

    /** Returns invalidations of the whole cache. */
    public long allInvalidations() {
        return counts[Counter.ALL_INVALIDATION.ordinal()];
    }

    /** Returns local flushes because invalidation messages may have been lost. */
    public long flushes() {
        return counts[Counter.FLUSH.ordinal()];
    }

    /** Returns all reads: hits, stale hits and misses. */
    public long requestCount() {
        return hitCount() + staleHitCount() + missCount();
    }

    /** Returns the share of reads answered without waiting for a load (fresh or stale), or 1 with no reads. */
    public double hitRate() {
        long requests = requestCount();
        return requests == 0 ? 1.0 : (double) (hitCount() + staleHitCount()) / requests;
    }

    /** Returns loader calls, successful or not. */
    public long loadCount() {
        return loadSuccessCount() + loadFailureCount();
    }

    /**
     * Returns the evictions for one cause.
     *
     * @param cause the cause
     */
    public long evictions(EvictionCause cause) {
        return switch (cause) {
            case SIZE -> sizeEvictions();
            case EXPIRED -> expiredEvictions();
        };
    }

    /**
     * Returns the invalidations of one kind.
     *
     * @param kind the kind
     */
    public long invalidations(InvalidationKind kind) {
        return switch (kind) {
            case KEY -> keyInvalidations();
            case TAG -> tagInvalidations();
            case NAMESPACE -> namespaceInvalidations();
            case ALL -> allInvalidations();
            case FLUSH -> flushes();
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CacheStats that && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("CacheStats[");
        for (Counter counter : Counter.values()) {
            text.append(counter.label).append('=').append(counts[counter.ordinal()]);
            text.append(counter.ordinal() + 1 < counts.length ? ", " : "]");
        }
        return text.toString();
    }

    private enum Counter {
        HIT("hitCount"),
        STALE_HIT("staleHitCount"),
        MISS("missCount"),
        LOAD_SUCCESS("loadSuccessCount"),
        LOAD_FAILURE("loadFailureCount"),
        LOAD_TIMEOUT("loadTimeoutCount"),
        LOAD_NANOS("totalLoadTimeNanos"),
        REFRESH("refreshCount"),
        REFRESH_FAILURE("refreshFailureCount"),
        SECOND_LEVEL_FAILURE("secondLevelFailureCount"),
        DROPPED_TAG("droppedTagCount"),
        SIZE_EVICTION("sizeEvictions"),
        EXPIRED_EVICTION("expiredEvictions"),
        KEY_INVALIDATION("keyInvalidations"),
        TAG_INVALIDATION("tagInvalidations"),
        NAMESPACE_INVALIDATION("namespaceInvalidations"),
        ALL_INVALIDATION("allInvalidations"),
        FLUSH("flushes");

        final String label;

        Counter(String label) {
            this.label = label;
        }
    }

    /**
     * Sets the counters of a {@link CacheStats}; each setter rejects a negative count with the value in the
     * message. Obtained from {@link CacheStats#builder()}.
     */
    public static final class Builder {
        private final long[] counts = new long[Counter.values().length];

        private Builder() {}

        private Builder set(Counter counter, long count) {
            if (count < 0) {
                throw new IllegalArgumentException(counter.label + " must be zero or positive, but was " + count);
            }
            counts[counter.ordinal()] = count;
            return this;
        }

        /**
         * Sets {@link CacheStats#hitCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder hitCount(long count) {
            return set(Counter.HIT, count);
        }

        /**
         * Sets {@link CacheStats#staleHitCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder staleHitCount(long count) {
            return set(Counter.STALE_HIT, count);
        }

        /**
         * Sets {@link CacheStats#missCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder missCount(long count) {
            return set(Counter.MISS, count);
        }

        /**
         * Sets {@link CacheStats#loadSuccessCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder loadSuccessCount(long count) {
            return set(Counter.LOAD_SUCCESS, count);
        }

        /**
         * Sets {@link CacheStats#loadFailureCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder loadFailureCount(long count) {
            return set(Counter.LOAD_FAILURE, count);
        }

        /**
         * Sets {@link CacheStats#loadTimeoutCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder loadTimeoutCount(long count) {
            return set(Counter.LOAD_TIMEOUT, count);
        }

        /**
         * Sets {@link CacheStats#totalLoadTimeNanos()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder totalLoadTimeNanos(long nanos) {
            return set(Counter.LOAD_NANOS, nanos);
        }

        /**
         * Sets {@link CacheStats#refreshCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder refreshCount(long count) {
            return set(Counter.REFRESH, count);
        }

        /**
         * Sets {@link CacheStats#refreshFailureCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder refreshFailureCount(long count) {
            return set(Counter.REFRESH_FAILURE, count);
        }

        /**
         * Sets {@link CacheStats#secondLevelFailureCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder secondLevelFailureCount(long count) {
            return set(Counter.SECOND_LEVEL_FAILURE, count);
        }

        /**
         * Sets {@link CacheStats#droppedTagCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder droppedTagCount(long count) {
            return set(Counter.DROPPED_TAG, count);
        }

        /**
         * Sets {@link CacheStats#evictions(EvictionCause)} of one cause.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder evictions(EvictionCause cause, long count) {
            return set(cause == EvictionCause.SIZE ? Counter.SIZE_EVICTION : Counter.EXPIRED_EVICTION, count);
        }

        /**
         * Sets {@link CacheStats#invalidations(InvalidationKind)} of one kind.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder invalidations(InvalidationKind kind, long count) {
            Counter counter = switch (kind) {
                case KEY -> Counter.KEY_INVALIDATION;
                case TAG -> Counter.TAG_INVALIDATION;
                case NAMESPACE -> Counter.NAMESPACE_INVALIDATION;
                case ALL -> Counter.ALL_INVALIDATION;
                case FLUSH -> Counter.FLUSH;
            };
            return set(counter, count);
        }

        /** Returns the snapshot. */
        public CacheStats build() {
            return new CacheStats(counts.clone());
        }
    }
}
