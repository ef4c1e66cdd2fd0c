package dev.perfkit.cache;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of what a cache did since it was built, in the spirit of Caffeine's {@code CacheStats}.
 *
 * <p>perf-metrics turns these counters into meters; this type knows nothing of any metrics library. Hits, stale
 * hits and misses are counted only when the cache was built with {@link PerfCache.Builder#recordStats()}; every
 * other counter is always kept. A final class with a builder rather than a record, so counters can be added.
 *
 * {@snippet class=dev.perfkit.cache.PerfCacheSnippets region=stats}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class CacheStats {
    private static final CacheStats EMPTY = builder().build();

    private final long hitCount;
    private final long staleHitCount;
    private final long missCount;
    private final long loadSuccessCount;
    private final long loadFailureCount;
    private final long loadTimeoutCount;
    private final long totalLoadTimeNanos;
    private final long refreshCount;
    private final long refreshFailureCount;
    private final long secondLevelFailureCount;
    private final long droppedTagCount;
    private final long sizeEvictions;
    private final long expiredEvictions;
    private final long keyInvalidations;
    private final long tagInvalidations;
    private final long namespaceInvalidations;
    private final long allInvalidations;
    private final long flushes;

    private CacheStats(Builder b) {
        this.hitCount = b.hitCount;
        this.staleHitCount = b.staleHitCount;
        this.missCount = b.missCount;
        this.loadSuccessCount = b.loadSuccessCount;
        this.loadFailureCount = b.loadFailureCount;
        this.loadTimeoutCount = b.loadTimeoutCount;
        this.totalLoadTimeNanos = b.totalLoadTimeNanos;
        this.refreshCount = b.refreshCount;
        this.refreshFailureCount = b.refreshFailureCount;
        this.secondLevelFailureCount = b.secondLevelFailureCount;
        this.droppedTagCount = b.droppedTagCount;
        this.sizeEvictions = b.sizeEvictions;
        this.expiredEvictions = b.expiredEvictions;
        this.keyInvalidations = b.keyInvalidations;
        this.tagInvalidations = b.tagInvalidations;
        this.namespaceInvalidations = b.namespaceInvalidations;
        this.allInvalidations = b.allInvalidations;
        this.flushes = b.flushes;
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
        return hitCount;
    }

    /** Returns reads answered with a value past its refresh age (served while revalidating or on error). */
    public long staleHitCount() {
        return staleHitCount;
    }

    /** Returns reads that had to wait for a load. */
    public long missCount() {
        return missCount;
    }

    /** Returns loader calls that returned (including absent results). */
    public long loadSuccessCount() {
        return loadSuccessCount;
    }

    /** Returns loader calls that threw. */
    public long loadFailureCount() {
        return loadFailureCount;
    }

    /** Returns loads whose waiters gave up after the load timeout. */
    public long loadTimeoutCount() {
        return loadTimeoutCount;
    }

    /** Returns the time spent in loaders, in nanoseconds. */
    public long totalLoadTimeNanos() {
        return totalLoadTimeNanos;
    }

    /** Returns background reloads started. */
    public long refreshCount() {
        return refreshCount;
    }

    /** Returns background reloads that threw. */
    public long refreshFailureCount() {
        return refreshFailureCount;
    }

    /** Returns second-level calls that failed or timed out (each then treated as a miss or skipped). */
    public long secondLevelFailureCount() {
        return secondLevelFailureCount;
    }

    /** Returns tags read from the second level and dropped because they were empty, too long or too many. */
    public long droppedTagCount() {
        return droppedTagCount;
    }

    /** Returns entries evicted for size or weight. */
    public long sizeEvictions() {
        return sizeEvictions;
    }

    /** Returns entries dropped because their time to live or to idle elapsed. */
    public long expiredEvictions() {
        return expiredEvictions;
    }

    /** Returns invalidations of one key. */
    public long keyInvalidations() {
        return keyInvalidations;
    }

    /** Returns invalidations of a tag. */
    public long tagInvalidations() {
        return tagInvalidations;
    }

    /** Returns namespace epoch bumps. */
    public long namespaceInvalidations() {
        return namespaceInvalidations;
    }

    /** Returns invalidations of the whole cache. */
    public long allInvalidations() {
        return allInvalidations;
    }

    /** Returns local flushes because invalidation messages may have been lost. */
    public long flushes() {
        return flushes;
    }

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

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof CacheStats that
                && hitCount == that.hitCount
                && staleHitCount == that.staleHitCount
                && missCount == that.missCount
                && loadSuccessCount == that.loadSuccessCount
                && loadFailureCount == that.loadFailureCount
                && loadTimeoutCount == that.loadTimeoutCount
                && totalLoadTimeNanos == that.totalLoadTimeNanos
                && refreshCount == that.refreshCount
                && refreshFailureCount == that.refreshFailureCount
                && secondLevelFailureCount == that.secondLevelFailureCount
                && droppedTagCount == that.droppedTagCount
                && sizeEvictions == that.sizeEvictions
                && expiredEvictions == that.expiredEvictions
                && keyInvalidations == that.keyInvalidations
                && tagInvalidations == that.tagInvalidations
                && namespaceInvalidations == that.namespaceInvalidations
                && allInvalidations == that.allInvalidations
                && flushes == that.flushes;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[] {
            hitCount,
            staleHitCount,
            missCount,
            loadSuccessCount,
            loadFailureCount,
            loadTimeoutCount,
            totalLoadTimeNanos,
            refreshCount,
            refreshFailureCount,
            secondLevelFailureCount,
            droppedTagCount,
            sizeEvictions,
            expiredEvictions,
            keyInvalidations,
            tagInvalidations,
            namespaceInvalidations,
            allInvalidations,
            flushes
        });
    }

    @Override
    public String toString() {
        return "CacheStats[hitCount=" + hitCount + ", staleHitCount=" + staleHitCount + ", missCount=" + missCount
                + ", loadSuccessCount=" + loadSuccessCount + ", loadFailureCount=" + loadFailureCount
                + ", loadTimeoutCount=" + loadTimeoutCount + ", totalLoadTimeNanos=" + totalLoadTimeNanos
                + ", refreshCount=" + refreshCount + ", refreshFailureCount=" + refreshFailureCount
                + ", secondLevelFailureCount=" + secondLevelFailureCount + ", droppedTagCount=" + droppedTagCount
                + ", sizeEvictions=" + sizeEvictions + ", expiredEvictions=" + expiredEvictions + ", keyInvalidations="
                + keyInvalidations + ", tagInvalidations=" + tagInvalidations + ", namespaceInvalidations="
                + namespaceInvalidations + ", allInvalidations=" + allInvalidations + ", flushes=" + flushes + "]";
    }

    /**
     * Sets the counters of a {@link CacheStats}; each setter rejects a negative count with the value in the
     * message. Obtained from {@link CacheStats#builder()}.
     */
    public static final class Builder {
        private long hitCount;
        private long staleHitCount;
        private long missCount;
        private long loadSuccessCount;
        private long loadFailureCount;
        private long loadTimeoutCount;
        private long totalLoadTimeNanos;
        private long refreshCount;
        private long refreshFailureCount;
        private long secondLevelFailureCount;
        private long droppedTagCount;
        private long sizeEvictions;
        private long expiredEvictions;
        private long keyInvalidations;
        private long tagInvalidations;
        private long namespaceInvalidations;
        private long allInvalidations;
        private long flushes;

        private Builder() {}

        private static long checked(String counter, long count) {
            if (count < 0) {
                throw new IllegalArgumentException(counter + " must be zero or positive, but was " + count);
            }
            return count;
        }

        /**
         * Sets {@link CacheStats#hitCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder hitCount(long count) {
            this.hitCount = checked("hitCount", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#staleHitCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder staleHitCount(long count) {
            this.staleHitCount = checked("staleHitCount", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#missCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder missCount(long count) {
            this.missCount = checked("missCount", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#loadSuccessCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder loadSuccessCount(long count) {
            this.loadSuccessCount = checked("loadSuccessCount", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#loadFailureCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder loadFailureCount(long count) {
            this.loadFailureCount = checked("loadFailureCount", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#loadTimeoutCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder loadTimeoutCount(long count) {
            this.loadTimeoutCount = checked("loadTimeoutCount", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#totalLoadTimeNanos()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder totalLoadTimeNanos(long count) {
            this.totalLoadTimeNanos = checked("totalLoadTimeNanos", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#refreshCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder refreshCount(long count) {
            this.refreshCount = checked("refreshCount", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#refreshFailureCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder refreshFailureCount(long count) {
            this.refreshFailureCount = checked("refreshFailureCount", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#secondLevelFailureCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder secondLevelFailureCount(long count) {
            this.secondLevelFailureCount = checked("secondLevelFailureCount", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#droppedTagCount()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder droppedTagCount(long count) {
            this.droppedTagCount = checked("droppedTagCount", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#sizeEvictions()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder sizeEvictions(long count) {
            this.sizeEvictions = checked("sizeEvictions", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#expiredEvictions()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder expiredEvictions(long count) {
            this.expiredEvictions = checked("expiredEvictions", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#keyInvalidations()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder keyInvalidations(long count) {
            this.keyInvalidations = checked("keyInvalidations", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#tagInvalidations()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder tagInvalidations(long count) {
            this.tagInvalidations = checked("tagInvalidations", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#namespaceInvalidations()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder namespaceInvalidations(long count) {
            this.namespaceInvalidations = checked("namespaceInvalidations", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#allInvalidations()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder allInvalidations(long count) {
            this.allInvalidations = checked("allInvalidations", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#flushes()}.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder flushes(long count) {
            this.flushes = checked("flushes", count);
            return this;
        }

        /**
         * Sets {@link CacheStats#evictions(EvictionCause)} of one cause.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder evictions(EvictionCause cause, long count) {
            return switch (cause) {
                case SIZE -> sizeEvictions(count);
                case EXPIRED -> expiredEvictions(count);
            };
        }

        /**
         * Sets {@link CacheStats#invalidations(InvalidationKind)} of one kind.
         *
         * @throws IllegalArgumentException if the count is negative
         */
        public Builder invalidations(InvalidationKind kind, long count) {
            return switch (kind) {
                case KEY -> keyInvalidations(count);
                case TAG -> tagInvalidations(count);
                case NAMESPACE -> namespaceInvalidations(count);
                case ALL -> allInvalidations(count);
                case FLUSH -> flushes(count);
            };
        }

        /** Returns the snapshot. */
        public CacheStats build() {
            return new CacheStats(this);
        }
    }
}
