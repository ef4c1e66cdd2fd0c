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
 * @param busySince when the pool started being (almost) fully lent out without a break, or -1
 * @param lastChange when the size last changed
 * @param ceiling the largest size worth having as learnt from throughput, or 0 when not learnt
 * @param floor the largest size known to lose throughput (a failed probe down), or 0 when not learnt
 * @param throughputBefore throughput just before the change being judged, or -1 when none is judged
 * @param sizeBefore the size before the change being judged (smaller: a growth; larger: a probe down), or 0
 * @param reason why the size is what it is, for logs
 */
public record SizerState(
        int size,
        long pressureSince,
        long lowSince,
        long busySince,
        long lastChange,
        int ceiling,
        int floor,
        double throughputBefore,
        int sizeBefore,
        String reason) {

    /** The state of a sizer that starts at {@code size} at time {@code nanoTime}. */
    public static SizerState start(int size, long nanoTime) {
        return new SizerState(size, -1, -1, -1, nanoTime, 0, 0, -1, 0, "start at " + size);
    }

    /** Whether a change is waiting to be judged by throughput. */
    boolean judging() {
        return throughputBefore >= 0;
    }

    SizerState withSize(int newSize, long now, int newCeiling, int newFloor, double before, String why) {
        return new SizerState(newSize, -1, -1, -1, now, newCeiling, newFloor, before, before >= 0 ? size : 0, why);
    }

    SizerState judged(int newCeiling, int newFloor, String why) {
        return new SizerState(size, pressureSince, lowSince, busySince, lastChange, newCeiling, newFloor, -1, 0, why);
    }
}
