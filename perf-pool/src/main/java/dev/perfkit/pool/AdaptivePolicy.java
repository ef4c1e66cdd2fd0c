package dev.perfkit.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules of adaptive pool sizing, as a pure, deterministic function of a state and a sample.
 *
 * <p>Grow by half the current size (at least {@code step}) when callers wait (threads waiting, or mean acquisition above
 * {@code acquireThreshold}) for {@code growAfter} without a break. Judge each growth after another
 * {@code growAfter}: when throughput did not rise by at least 5%, the database is saturated, so step back and
 * remember that size as a ceiling. Throughput is what the sample says: the {@link AdaptivePoolSizer} averages it
 * over the time since the last change. Shrink by {@code step} when nobody waits and fewer than half the connections
 * are in use for {@code shrinkAfter}. Hysteresis: no change within {@code growAfter} of the previous one, and
 * no shrink within {@code shrinkAfter} of it. The size always stays within {@code [minSize, maxSize]}, where
 * {@code maxSize} is this instance's share of the cluster-wide cap.
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
 * @param shrinkAfter how long the pool must be mostly unused before shrinking, at least growAfter
 * @param acquireThreshold mean acquisition time that counts as waiting, at least 0
 */
public record AdaptivePolicy(int minSize, int maxSize, int step, Duration growAfter, Duration shrinkAfter,
    Duration acquireThreshold) {
  private static final double GAIN = 1.05;

  /**
   * Checks every value.
   *
   * @throws IllegalArgumentException naming the value and the accepted range
   */
  public AdaptivePolicy {
    SizingInputs.range("minSize", minSize, 1, 10_000);
    if (maxSize < minSize || maxSize > 10_000) {
      throw new IllegalArgumentException("maxSize must be between minSize (" + minSize + ") and 10000, but was " + maxSize);
    }
    SizingInputs.range("step", step, 1, 1_000);
    Objects.requireNonNull(growAfter, "growAfter");
    Objects.requireNonNull(shrinkAfter, "shrinkAfter");
    Objects.requireNonNull(acquireThreshold, "acquireThreshold");
    if (growAfter.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("growAfter must be at least 100 ms, but was " + growAfter.toMillis() + " ms");
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
    return new AdaptivePolicy(minSize, maxSize, 1, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMillis(5));
  }

  /** A copy whose maxSize is at most this instance's share of {@code totalConnections} over {@code instances}. */
  public AdaptivePolicy clusterCap(int totalConnections, int instances) {
    SizingInputs.range("instances", instances, 1, 100_000);
    int share = totalConnections / instances;
    if (share < minSize) {
      throw new IllegalArgumentException("clusterCap share (" + totalConnections + " / " + instances + " = " + share
          + ") must be at least minSize " + minSize);
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
      return state.withSize(size, now, state.ceiling(), -1, "clamped into [" + minSize + ", " + maxSize + "]");
    }
    long sinceChange = now - state.lastChange();
    boolean pressure = sample.waiting() > 0 || sample.meanAcquireMillis() > acquireThreshold.toNanos() / 1e6;
    if (state.throughputBeforeGrow() >= 0 && sinceChange >= growAfter.toNanos()) {
      // Judge a growth only while callers still wait: when the load itself fell, throughput says nothing.
      if (pressure && sample.borrowsPerSecond() < state.throughputBeforeGrow() * GAIN) {
        int back = Math.max(minSize, state.sizeBeforeGrow() > 0 ? state.sizeBeforeGrow() : size - step);
        return state.withSize(back, now, back, -1, String.format(java.util.Locale.ROOT,
            "growth to %d gave %.0f/s vs %.0f/s before: saturated, back to %d", size, sample.borrowsPerSecond(),
            state.throughputBeforeGrow(), back));
      }
      state = new SizerState(size, state.pressureSince(), state.lowSince(), state.lastChange(), state.ceiling(), -1, 0,
          pressure ? "growth to " + size + " raised throughput" : state.reason());
    }
    boolean low = !pressure && sample.active() * 2 < size;
    long pressureSince = pressure ? (state.pressureSince() < 0 ? now : state.pressureSince()) : -1;
    long lowSince = low ? (state.lowSince() < 0 ? now : state.lowSince()) : -1;
    int limit = state.ceiling() > 0 ? Math.min(maxSize, state.ceiling()) : maxSize;
    if (pressure && now - pressureSince >= growAfter.toNanos() && sinceChange >= growAfter.toNanos() && size < limit) {
      int grown = Math.min(limit, Math.max(size + step, (int) Math.ceil(size * 1.5)));
      return state.withSize(grown, now, state.ceiling(), sample.borrowsPerSecond(),
          sample.waiting() + " waiting for " + (now - pressureSince) / 1_000_000 + " ms: grow to " + grown);
    }
    if (low && now - lowSince >= shrinkAfter.toNanos() && sinceChange >= shrinkAfter.toNanos() && size > minSize) {
      int shrunk = Math.max(minSize, Math.max(sample.active() + 1, size - step));
      if (shrunk < size) {
        return state.withSize(shrunk, now, 0, -1, sample.active() + " of " + size + " in use for "
            + (now - lowSince) / 1_000_000 + " ms: shrink to " + shrunk);
      }
    }
    return new SizerState(size, pressureSince, lowSince, state.lastChange(), state.ceiling(),
        state.throughputBeforeGrow(), state.sizeBeforeGrow(), state.reason());
  }
}
