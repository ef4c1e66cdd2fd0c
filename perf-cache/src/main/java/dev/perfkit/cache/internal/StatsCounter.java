package dev.perfkit.cache.internal;

import dev.perfkit.cache.CacheStats;
import dev.perfkit.cache.EvictionCause;
import dev.perfkit.cache.InvalidationKind;
import java.util.concurrent.atomic.LongAdder;

/** Striped counters behind {@link CacheStats}; increments stay cheap under contention. */
final class StatsCounter {
    private final LongAdder hits = new LongAdder();
    private final LongAdder staleHits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder loadSuccesses = new LongAdder();
    private final LongAdder loadFailures = new LongAdder();
    private final LongAdder loadNanos = new LongAdder();
    private final LongAdder refreshes = new LongAdder();
    private final LongAdder refreshFailures = new LongAdder();
    private final LongAdder[] evictions = adders(EvictionCause.values().length);
    private final LongAdder[] invalidations = adders(InvalidationKind.values().length);

    void hit() {
        hits.increment();
    }

    void staleHit() {
        staleHits.increment();
    }

    void miss() {
        misses.increment();
    }

    void loadSucceeded(long nanos) {
        loadSuccesses.increment();
        loadNanos.add(nanos);
    }

    void loadFailed(long nanos) {
        loadFailures.increment();
        loadNanos.add(nanos);
    }

    void refreshStarted() {
        refreshes.increment();
    }

    void refreshFailed() {
        refreshFailures.increment();
    }

    void evicted(EvictionCause cause) {
        evictions[cause.ordinal()].increment();
    }

    void invalidated(InvalidationKind kind) {
        invalidations[kind.ordinal()].increment();
    }

    CacheStats snapshot() {
        return new CacheStats(
                hits.sum(),
                staleHits.sum(),
                misses.sum(),
                loadSuccesses.sum(),
                loadFailures.sum(),
                loadNanos.sum(),
                refreshes.sum(),
                refreshFailures.sum(),
                evictions[EvictionCause.SIZE.ordinal()].sum(),
                evictions[EvictionCause.EXPIRED.ordinal()].sum(),
                evictions[EvictionCause.COLLECTED.ordinal()].sum(),
                invalidations[InvalidationKind.KEY.ordinal()].sum(),
                invalidations[InvalidationKind.TAG.ordinal()].sum(),
                invalidations[InvalidationKind.NAMESPACE.ordinal()].sum(),
                invalidations[InvalidationKind.ALL.ordinal()].sum(),
                invalidations[InvalidationKind.FLUSH.ordinal()].sum());
    }

    private static LongAdder[] adders(int count) {
        LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
