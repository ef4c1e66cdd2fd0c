package dev.perfkit.db;

import java.time.Duration;
import java.util.Objects;

/**
 * An immutable snapshot of what one statement shape (fingerprint) has cost so far: calls, time and rows.
 * Taken from {@link QueryStats#snapshot()}; the index advisor and metric binders read these.
 *
 * <pre>{@code
 * for (FingerprintStats s : instrumentation.stats().snapshot().top()) {
 *   System.out.println(s.fingerprint() + " " + s.calls() + " calls, " + s.totalTime().toMillis() + " ms");
 * }
 * }</pre>
 *
 * @param fingerprint the normalized SQL ({@link SqlFingerprint#of}), or {@link #OTHER} for the folded rest
 * @param sampleSql one SQL text that produced this fingerprint (the first seen, cut to
 *     {@link SqlFingerprint#MAX_LENGTH} characters); may contain bind markers
 * @param calls how many executions were recorded
 * @param totalNanos the summed execution time in nanoseconds
 * @param maxNanos the longest single execution in nanoseconds
 * @param rows the summed rows returned or affected
 */
public record FingerprintStats(
        String fingerprint, String sampleSql, long calls, long totalNanos, long maxNanos, long rows) {

    /** The fingerprint under which statements outside the top N are counted together. */
    public static final String OTHER = "<other>";

    /**
     * Validates the snapshot.
     *
     * @throws NullPointerException if a text is null
     * @throws IllegalArgumentException if a count or time is negative
     */
    public FingerprintStats {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(sampleSql, "sampleSql");
        if (calls < 0 || totalNanos < 0 || maxNanos < 0 || rows < 0) {
            throw new IllegalArgumentException("calls, totalNanos, maxNanos and rows must be >= 0, but were " + calls
                    + ", " + totalNanos + ", " + maxNanos + ", " + rows);
        }
    }

    /** The summed execution time. */
    public Duration totalTime() {
        return Duration.ofNanos(totalNanos);
    }

    /** The longest single execution. */
    public Duration maxTime() {
        return Duration.ofNanos(maxNanos);
    }

    /** The mean execution time, zero when there were no calls. */
    public Duration meanTime() {
        return calls == 0 ? Duration.ZERO : Duration.ofNanos(totalNanos / calls);
    }
}
