package dev.perfkit.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules of adaptive pool sizing, as a pure, deterministic function of a state and a sample.
 *
 * <p>Up: grow by half the current size (at least {@code step}) when callers wait (threads waiting, or mean
 * acquisition above {@code acquireThreshold}) for {@code growAfter} without a break. Judge each growth after another
 * {@code growAfter}: when throughput did not rise by at least 5% (over two windows), the database is saturated, so
 * step back and remember that size as a ceiling. One flat pair of windows on a noisy machine can stop the growth
 * too early, so a growth-learnt ceiling is retried {@code 5 x growAfter} after it was learnt (probes down in between
 * do not postpone it) while callers still wait, and each
 * retry that is saturated again doubles the wait (up to the re-probing cap below). Throughput is what the sample says: the {@link AdaptivePoolSizer} averages it
 * over the time since the last change.
 *
 * <p>Down when idle: shrink by {@code step} when nobody waits and fewer than half the connections are in use for
 * {@code shrinkAfter}. Down when saturated: a pool started too large has every connection busy, yet the surplus
 * connections only queue inside the database (busy connections = throughput x hold time). When at least 90% of the
 * connections have been lent out for {@code shrinkAfter} (once busy, the pool stays busy until a quarter of it is
 * idle with nobody waiting: one sample of a saturated pool on a CPU-bound machine can look 85% busy, while a
 * returned connection waits for its next borrower to get a core) and growing is not an option, probe a quarter smaller
 * (halfway to a known floor). The probe is judged against the <em>best</em> throughput seen, not the last step, so
 * small losses cannot add up: it must stay within 5% of the best over two windows of {@code growAfter} (a repeat)
 * to be kept; otherwise the sizer steps back and remembers the probed size as a floor.
 *
 * <p>Re-probing: learnt ceilings and floors expire so that a database that became faster (or slower) is measured
 * again, first {@code 10 x shrinkAfter} after the last change; each time a re-probe ends at the size it started from,
 * the wait doubles, up to 64 times, so a stable workload sees a handful of size changes a day, not one every few
 * minutes. The best throughput is forgotten only when the load falls (the shrink when idle).
 *
 * <p>Hysteresis: no change within {@code growAfter} of the previous one, and no shrink or probe within
 * {@code shrinkAfter} of it. The size always stays within {@code [minSize, maxSize]}, where {@code maxSize} is this
 * instance's share of the cluster-wide cap.
 *
 * <pre>{@code
 * AdaptivePolicy policy = AdaptivePolicy.between(2, 32).clusterCap(90, 3);   // 3 instances share 90
 * SizerState next = policy.decide(state, sample);
 * }</pre>
 */
public final class AdaptivePolicy {
    static final long RELEARN_FACTOR = 10;
    static final long MAX_BACKOFF = 64;

    private final int minSize;
    private final int maxSize;
    private final int step;
    private final Duration growAfter;
    private final Duration shrinkAfter;
    private final Duration acquireThreshold;

    private AdaptivePolicy(
            int minSize, int maxSize, int step, Duration growAfter, Duration shrinkAfter, Duration acquireThreshold) {
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
        this.minSize = minSize;
        this.maxSize = maxSize;
        this.step = step;
        this.growAfter = growAfter;
        this.shrinkAfter = shrinkAfter;
        this.acquireThreshold = acquireThreshold;
    }

    /**
     * Bounds with defaults: step 1, grow after 2 s of waiting, shrink after 30 s mostly unused, waiting = 5 ms.
     *
     * @throws IllegalArgumentException unless {@code 1 <= minSize <= maxSize <= 10000}
     */
    public static AdaptivePolicy between(int minSize, int maxSize) {
        return new AdaptivePolicy(
                minSize, maxSize, 1, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMillis(5));
    }

    /**
     * A copy whose maxSize is at most this instance's share of {@code totalConnections} over {@code instances}.
     *
     * @throws IllegalArgumentException when the share is below minSize or instances is not 1 to 100000
     */
    public AdaptivePolicy clusterCap(int totalConnections, int instances) {
        SizingInputs.range("instances", instances, 1, 100_000);
        int share = totalConnections / instances;
        if (share < minSize) {
            throw new IllegalArgumentException("clusterCap share (" + totalConnections + " / " + instances + " = "
                    + share + ") must be at least minSize " + minSize);
        }
        return new AdaptivePolicy(minSize, Math.min(maxSize, share), step, growAfter, shrinkAfter, acquireThreshold);
    }

    /**
     * A copy with other timings.
     *
     * @throws IllegalArgumentException when grow is below 100 ms, shrink below grow or acquire negative
     */
    public AdaptivePolicy timings(Duration grow, Duration shrink, Duration acquire) {
        return new AdaptivePolicy(minSize, maxSize, step, grow, shrink, acquire);
    }

    /**
     * A copy with another step.
     *
     * @throws IllegalArgumentException unless 1 to 1000
     */
    public AdaptivePolicy step(int connections) {
        return new AdaptivePolicy(minSize, maxSize, connections, growAfter, shrinkAfter, acquireThreshold);
    }

    /** The smallest size. */
    public int minSize() {
        return minSize;
    }

    /** The largest size. */
    public int maxSize() {
        return maxSize;
    }

    /** Connections added or removed at once. */
    public int step() {
        return step;
    }

    /** How long waiting must last before growing; also the judgement window of a change. */
    public Duration growAfter() {
        return growAfter;
    }

    /** How long the pool must be mostly unused before shrinking, or fully busy before probing down. */
    public Duration shrinkAfter() {
        return shrinkAfter;
    }

    /** Mean acquisition time that counts as waiting. */
    public Duration acquireThreshold() {
        return acquireThreshold;
    }

    @Override
    public String toString() {
        return "AdaptivePolicy[minSize=" + minSize + ", maxSize=" + maxSize + ", step=" + step + ", growAfter="
                + growAfter + ", shrinkAfter=" + shrinkAfter + ", acquireThreshold=" + acquireThreshold + "]";
    }

    /** Whether at least a quarter of the pool's {@code size} connections were idle at the sample. */
    static boolean quarterIdle(PoolSample sample, int size) {
        return sample.active() * 4L < size * 3L;
    }

    /** The next state after observing {@code sample}; the same inputs always give the same result. */
    public SizerState decide(SizerState state, PoolSample sample) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sample, "sample");
        long now = sample.nanoTime();
        int size = Math.max(minSize, Math.min(maxSize, state.size));
        if (size != state.size) {
            return state.changed(
                    size, now, state.ceiling, state.floor, -1, "clamped into [" + minSize + ", " + maxSize + "]");
        }
        long sinceChange = now - state.lastChange;
        boolean pressure = sample.waiting() > 0 || sample.meanAcquireMillis() > acquireThreshold.toNanos() / 1e6;
        boolean busy = sample.active() * 10L >= size * 9L;
        state = Relearning.expire(this, state, sinceChange);
        if (state.judging() && sinceChange >= growAfter.toNanos() * (1 + state.repeats)) {
            SizerState judged = state.sizeBefore > size
                    ? Judgement.probe(state, sample, pressure)
                    : Judgement.growth(this, state, sample, pressure);
            if (judged.size != size) {
                return judged;
            }
            state = judged;
        }
        return Moves.next(this, state, sample, pressure, busy);
    }
}
