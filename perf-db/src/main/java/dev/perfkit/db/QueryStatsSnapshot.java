package dev.perfkit.db;

import java.util.List;
import java.util.Objects;

/**
 * An immutable view of {@link QueryStats} at one moment: the top statement shapes by total time, and
 * everything else folded into one {@link FingerprintStats#OTHER} entry.
 *
 * <pre>{@code
 * QueryStatsSnapshot snap = instrumentation.stats().snapshot();
 * FingerprintStats worst = snap.top().isEmpty() ? null : snap.top().get(0);
 * }</pre>
 *
 * @param top the tracked fingerprints, highest total time first
 * @param other the folded statistics of fingerprints that fell out of the top N
 */
public record QueryStatsSnapshot(List<FingerprintStats> top, FingerprintStats other) {

    /**
     * Copies the list.
     *
     * @throws NullPointerException if an argument is null
     */
    public QueryStatsSnapshot {
        top = List.copyOf(Objects.requireNonNull(top, "top"));
        Objects.requireNonNull(other, "other");
    }

    /** The total number of calls recorded, tracked and folded. */
    public long totalCalls() {
        return other.calls() + top.stream().mapToLong(FingerprintStats::calls).sum();
    }
}
