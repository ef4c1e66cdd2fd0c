package dev.perfkit.pool;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The rules of adaptive pool sizing, as a pure, deterministic function of a state and a sample.
 *
 * <p>Up: grow by half the current size (at least {@code step}) when callers wait (threads waiting, or mean
 * acquisition above {@code acquireThreshold}) for {@code growAfter} without a break. Judge each growth after another
 * {@code growAfter}: when throughput did not rise by at least 5%, the database is saturated, so step back and
 * remember that size as a ceiling. Throughput is what the sample says: the {@link AdaptivePoolSizer} averages it
 * over the time since the last change.
 *
 * <p>Down when idle: shrink by {@code step} when nobody waits and fewer than half the connections are in use for
 * {@code shrinkAfter}. Down when saturated: a pool started too large has every connection busy and nobody waiting,
 * so no other rule fires, yet the surplus connections only queue inside the database (Little's law: busy
 * connections = throughput x hold time, so at equal throughput they just hold each connection longer). When at least
 * 90% of the connections have been lent out for {@code shrinkAfter} and growing is not an option, probe a quarter
 * smaller (halfway to a known floor) and judge it after {@code growAfter}: if throughput stayed within 5%, keep the
 * smaller size as the new ceiling and go on probing; if it fell, step back up and remember the probed size as a
 * floor that later probes stay above. Learnt ceilings and floors expire {@code 10 x shrinkAfter} after the last
 * change, so a database that became faster (or slower) is measured again.
 *
 * <p>Hysteresis: no change within {@code growAfter} of the previous one, and no shrink or probe within
 * {@code shrinkAfter} of it (a step back after a failed judgement comes after {@code growAfter}). The size always
 * stays within {@code [minSize, maxSize]}, where {@code maxSize} is this instance's share of the cluster-wide cap.
 *
 * <pre>{@code
 * AdaptivePolicy policy = AdaptivePolicy.between(2, 32).clusterCap(90, 3);   // 3 instances share 90
 * SizerState next = policy.decide(state, sample);
 * }</pre>
 *
 * @param minSize the smallest size, at least 1
 * @param maxSize the largest size, at least minSize
 * @param step connections added or removed at once, at least 1
 * @param growAfter how long waiting must last before growing, at least 100 ms
 * @param shrinkAfter how long the pool must be mostly unused before shrinking, or fully busy before probing down,
 *     at least growAfter
 * @param acquireThreshold mean acquisition time that counts as waiting, at least 0
 */
public record AdaptivePolicy(
        int minSize, int maxSize, int step, Duration growAfter, Duration shrinkAfter, Duration acquireThreshold) {
    private static final double GAIN = 1.05;
    private static final double LOSS = 0.95;
    private static final long RELEARN_FACTOR = 10;

    /**
     * Checks every value.
     *
     * @throws IllegalArgumentException naming the value and the accepted range
     */
    public AdaptivePolicy {
        SizingInputs.range("minSize", minSize, 1, 10_000);
        if (maxSize < minSize || maxSize > 10_000) {
            throw new IllegalArgumentException(
                    "maxSize must be between minSize (" + minSize + ") and 10000, but was " + maxSize);
        }
        SizingInputs.range("step", step, 1, 1_000);
        Objects.requireNonNull(growAfter, "growAfter");
        Objects.requireNonNull(shrinkAfter, "shrinkAfter");
        Objects.requireNonNull(acquireThreshold, "acquireThreshold");
        if (growAfter.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException(
                    "growAfter must be at least 100 ms, but was " + growAfter.toMillis() + " ms");
        }
        if (shrinkAfter.compareTo(growAfter) < 0) {
            throw new IllegalArgumentException("shrinkAfter must be at least growAfter (" + growAfter.toMillis()
                    + " ms), but was " + shrinkAfter.toMillis() + " ms");
        }
        if (acquireThreshold.isNegative()) {
            throw new IllegalArgumentException("acquireThreshold must be >= 0, but was " + acquireThreshold);
        }
    }

    /** Bounds with defaults: step 1, grow after 2 s of waiting, shrink after 30 s mostly unused, waiting = 5 ms. */
    public static AdaptivePolicy between(int minSize, int maxSize) {
        return new AdaptivePolicy(
                minSize, maxSize, 1, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMillis(5));
    }

    /** A copy whose maxSize is at most this instance's share of {@code totalConnections} over {@code instances}. */
    public AdaptivePolicy clusterCap(int totalConnections, int instances) {
        SizingInputs.range("instances", instances, 1, 100_000);
        int share = totalConnections / instances;
        if (share < minSize) {
            throw new IllegalArgumentException("clusterCap share (" + totalConnections + " / " + instances + " = "
                    + share + ") must be at least minSize " + minSize);
        }
        return new AdaptivePolicy(minSize, Math.min(maxSize, share), step, growAfter, shrinkAfter, acquireThreshold);
    }

    /** A copy with other timings. */
    public AdaptivePolicy timings(Duration grow, Duration shrink, Duration acquire) {
        return new AdaptivePolicy(minSize, maxSize, step, grow, shrink, acquire);
    }

    /** A copy with another step. */
    public AdaptivePolicy step(int connections) {
        return new AdaptivePolicy(minSize, maxSize, connections, growAfter, shrinkAfter, acquireThreshold);
    }

    /** The next state after observing {@code sample}; the same inputs always give the same result. */
    public SizerState decide(SizerState state, PoolSample sample) {
        long now = sample.nanoTime();
        int size = Math.max(minSize, Math.min(maxSize, state.size()));
        if (size != state.size()) {
            return state.withSize(
                    size, now, state.ceiling(), state.floor(), -1, "clamped into [" + minSize + ", " + maxSize + "]");
        }
        long sinceChange = now - state.lastChange();
        boolean pressure = sample.waiting() > 0 || sample.meanAcquireMillis() > acquireThreshold.toNanos() / 1e6;
        boolean busy = sample.active() * 10L >= size * 9L;
        if (!state.judging()
                && (state.ceiling() > 0 || state.floor() > 0)
                && sinceChange >= RELEARN_FACTOR * shrinkAfter.toNanos()) {
            state = state.judged(
                    0, 0, "learnt bounds expired after " + sinceChange / 1_000_000 + " ms without a change");
        }
        if (state.judging() && sinceChange >= growAfter.toNanos()) {
            SizerState judged =
                    state.sizeBefore() > size ? judgeProbe(state, sample, busy) : judgeGrowth(state, sample, pressure);
            if (judged.size() != size) {
                return judged;
            }
            state = judged;
        }
        boolean low = !pressure && sample.active() * 2 < size;
        long pressureSince = pressure ? (state.pressureSince() < 0 ? now : state.pressureSince()) : -1;
        long lowSince = low ? (state.lowSince() < 0 ? now : state.lowSince()) : -1;
        long busySince = busy ? (state.busySince() < 0 ? now : state.busySince()) : -1;
        int limit = state.ceiling() > 0 ? Math.min(maxSize, state.ceiling()) : maxSize;
        boolean changeAllowed = !state.judging();
        if (changeAllowed
                && pressure
                && now - pressureSince >= growAfter.toNanos()
                && sinceChange >= growAfter.toNanos()
                && size < limit) {
            int grown = Math.min(limit, Math.max(size + step, (int) Math.ceil(size * 1.5)));
            return state.withSize(
                    grown,
                    now,
                    state.ceiling(),
                    state.floor(),
                    sample.borrowsPerSecond(),
                    sample.waiting() + " waiting for " + (now - pressureSince) / 1_000_000 + " ms: grow to " + grown);
        }
        if (changeAllowed
                && low
                && now - lowSince >= shrinkAfter.toNanos()
                && sinceChange >= shrinkAfter.toNanos()
                && size > minSize) {
            int shrunk = Math.max(minSize, Math.max(sample.active() + 1, size - step));
            if (shrunk < size) {
                return state.withSize(
                        shrunk,
                        now,
                        0,
                        0,
                        -1,
                        sample.active() + " of " + size + " in use for " + (now - lowSince) / 1_000_000
                                + " ms: shrink to " + shrunk);
            }
        }
        if (changeAllowed
                && busy
                && !(pressure && size < limit)
                && now - busySince >= shrinkAfter.toNanos()
                && sinceChange >= shrinkAfter.toNanos()) {
            int target = Math.max(
                    Math.max(minSize, state.floor() + 1),
                    Math.max(size - Math.max(step, size / 4), (state.floor() + size + 1) / 2));
            if (target < size) {
                return state.withSize(
                        target,
                        now,
                        state.ceiling(),
                        state.floor(),
                        sample.borrowsPerSecond(),
                        sample.active() + " of " + size + " busy, " + sample.waiting() + " waiting, for "
                                + (now - busySince) / 1_000_000 + " ms: probe down to " + target);
            }
        }
        return new SizerState(
                size,
                pressureSince,
                lowSince,
                busySince,
                state.lastChange(),
                state.ceiling(),
                state.floor(),
                state.throughputBefore(),
                state.sizeBefore(),
                state.reason());
    }

    private SizerState judgeGrowth(SizerState state, PoolSample sample, boolean pressure) {
        // Judge a growth only while callers still wait: when the load itself fell, throughput says nothing.
        if (pressure && sample.borrowsPerSecond() < state.throughputBefore() * GAIN) {
            int back = Math.max(minSize, state.sizeBefore() > 0 ? state.sizeBefore() : state.size() - step);
            return state.withSize(
                    back,
                    sample.nanoTime(),
                    back,
                    state.floor(),
                    -1,
                    String.format(
                            Locale.ROOT,
                            "growth to %d gave %.0f/s vs %.0f/s before: saturated, back to %d",
                            state.size(),
                            sample.borrowsPerSecond(),
                            state.throughputBefore(),
                            back));
        }
        return state.judged(
                state.ceiling(),
                state.floor(),
                pressure ? "growth to " + state.size() + " raised throughput" : state.reason());
    }

    private SizerState judgeProbe(SizerState state, PoolSample sample, boolean busy) {
        // A probe that left the pool not fully busy did not limit anyone; only a busy pool's throughput is judged.
        String rates = String.format(
                Locale.ROOT,
                "%.0f/s vs %.0f/s at %d",
                sample.borrowsPerSecond(),
                state.throughputBefore(),
                state.sizeBefore());
        if (busy && sample.borrowsPerSecond() < state.throughputBefore() * LOSS) {
            int back = state.sizeBefore();
            return state.withSize(
                    back,
                    sample.nanoTime(),
                    back,
                    state.size(),
                    -1,
                    "probe down to " + state.size() + " gave " + rates + ": too small, back to " + back);
        }
        return state.judged(
                busy ? state.size() : state.ceiling(),
                state.floor(),
                "probe down to " + state.size() + " kept " + rates);
    }
}
