package dev.perfkit.pool;

/**
 * What the adaptive sizer remembers between samples; {@link AdaptivePolicy#decide} maps a state and a sample to
 * the next state. Immutable.
 *
 * <pre>{@code
 * SizerState state = SizerState.start(4, ticker.read());
 * state = policy.decide(state, sample);
 * if (state.size() != before) { configMXBean.setMaximumPoolSize(state.size()); }
 * }</pre>
 *
 * @param size the maximumPoolSize to use now
 * @param pressureSince when callers started waiting without a break, or -1
 * @param lowSince when the pool started being mostly unused without a break, or -1
 * @param lastChange when the size last changed
 * @param ceiling the largest size worth having as learnt from throughput, or 0 when not learnt
 * @param throughputBeforeGrow throughput just before the last growth, or -1 when no growth is being judged
 * @param sizeBeforeGrow the size before the growth being judged, or 0
 * @param reason why the size is what it is, for logs
 */
public record SizerState(int size, long pressureSince, long lowSince, long lastChange, int ceiling,
    double throughputBeforeGrow, int sizeBeforeGrow, String reason) {

  /** The state of a sizer that starts at {@code size} at time {@code nanoTime}. */
  public static SizerState start(int size, long nanoTime) {
    return new SizerState(size, -1, -1, nanoTime, 0, -1, 0, "start at " + size);
  }

  SizerState withSize(int newSize, long now, int newCeiling, double before, String why) {
    return new SizerState(newSize, -1, -1, now, newCeiling, before, before >= 0 ? size : 0, why);
  }
}
