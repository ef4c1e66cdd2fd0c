package dev.perfkit.cache.internal;

import dev.perfkit.cache.CacheStats;
import dev.perfkit.cache.EvictionCause;
import dev.perfkit.cache.InvalidationKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
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
    private final LongAdder loadTimeouts = new LongAdder();
    private final LongAdder secondLevelFailures = new LongAdder();
    private final LongAdder droppedTags = new LongAdder();
    private final Map<EvictionCause, LongAdder> evictions = adders(EvictionCause.class);
    private final Map<InvalidationKind, LongAdder> invalidations = adders(InvalidationKind.class);

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

    void loadTimedOut() {
        loadTimeouts.increment();
    }

    void secondLevelFailed() {
        secondLevelFailures.increment();
    }

    void tagDropped() {
        droppedTags.increment();
    }

    void evicted(EvictionCause cause) {
        counter(evictions, cause).increment();
    }

    void invalidated(InvalidationKind kind) {
        counter(invalidations, kind).increment();
    }

    CacheStats snapshot() {
        CacheStats.Builder snapshot = CacheStats.builder()
                .hitCount(hits.sum())
                .staleHitCount(staleHits.sum())
                .missCount(misses.sum())
                .loadSuccessCount(loadSuccesses.sum())
                .loadFailureCount(loadFailures.sum())
                .loadTimeoutCount(loadTimeouts.sum())
                .totalLoadTimeNanos(loadNanos.sum())
                .refreshCount(refreshes.sum())
                .refreshFailureCount(refreshFailures.sum())
                .secondLevelFailureCount(secondLevelFailures.sum())
                .droppedTagCount(droppedTags.sum());
        for (EvictionCause cause : EvictionCause.values()) {
            snapshot.evictions(cause, counter(evictions, cause).sum());
        }
        for (InvalidationKind kind : InvalidationKind.values()) {
            snapshot.invalidations(kind, counter(invalidations, kind).sum());
        }
        return snapshot.build();
    }

    private static <E extends Enum<E>> Map<E, LongAdder> adders(Class<E> type) {
        Map<E, LongAdder> adders = new EnumMap<>(type);
        for (E constant : type.getEnumConstants()) {
            adders.put(constant, new LongAdder());
        }
        return adders;
    }

    private static <E extends Enum<E>> LongAdder counter(Map<E, LongAdder> adders, E constant) {
        return Objects.requireNonNull(adders.get(constant));
    }
}
