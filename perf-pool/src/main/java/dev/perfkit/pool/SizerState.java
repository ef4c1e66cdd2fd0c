package dev.perfkit.pool;

/**
 * What the adaptive sizer remembers between samples; {@link AdaptivePolicy#decide} maps a state and a sample to the
 * next state. Immutable and opaque: only the size to use and the reason for it are public, so the policy's memory
 * (learnt bounds, the best throughput seen, the re-probing back-off) can change without breaking callers.
 *
 * <pre>{@code
 * SizerState state = SizerState.start(4, System.nanoTime());
 * state = policy.decide(state, sample);
 * log.info("pool size {} because {}", state.size(), state.reason());
 * }</pre>
 */
public final class SizerState {
    final int size;
    final long pressureSince;
    final long lowSince;
    final long busySince;
    final long lastChange;
    final int ceiling;
    final int floor;
    final double throughputBefore;
    final int sizeBefore;
    final int repeats;
    final double best;
    /** The size whose throughput {@link #best} is, or 0. */
    final int bestSize;
    /** Whether {@link #best} was lowered since it was set (it is lowered at most once). */
    final boolean bestLowered;

    /**
     * After an undone probe, the throughput the size it went back to had before the probe, or -1: measured there
     * again, the two tell how far the machine or the load drifted in between.
     */
    final double backRate;
    /** The best throughput {@link #floor} was judged against when it was learnt. */
    final double floorBest;

    final long relearnAfter;
    final int relearnFrom;
    /**
     * How long after a growth was found saturated it is tried again; 0 when nothing was learnt, negative (the last
     * wait, remembered for the back-off) when the ceiling is not to be retried.
     */
    final long growthRetryAfter;
    /** When the growth-learnt ceiling was learnt: its retry is timed from then, not from the last change. */
    final long growthLearntAt;

    final String reason;

    private SizerState(Draft d) {
        size = d.size;
        pressureSince = d.pressureSince;
        lowSince = d.lowSince;
        busySince = d.busySince;
        lastChange = d.lastChange;
        ceiling = d.ceiling;
        floor = d.floor;
        throughputBefore = d.throughputBefore;
        sizeBefore = d.sizeBefore;
        repeats = d.repeats;
        best = d.best;
        bestSize = d.bestSize;
        bestLowered = d.bestLowered;
        backRate = d.backRate;
        floorBest = d.floorBest;
        relearnAfter = d.relearnAfter;
        relearnFrom = d.relearnFrom;
        growthRetryAfter = d.growthRetryAfter;
        growthLearntAt = d.growthLearntAt;
        reason = d.reason;
    }

    /**
     * The state of a sizer that starts at {@code size} at time {@code nanoTime}, with nothing learnt.
     *
     * @throws IllegalArgumentException unless size is 1 to 10000
     */
    public static SizerState start(int size, long nanoTime) {
        Draft d = new Draft();
        d.size = SettingRules.poolSize(size);
        d.lastChange = nanoTime;
        d.reason = "start at " + size;
        return new SizerState(d);
    }

    /** The maximumPoolSize to use now. */
    public int size() {
        return size;
    }

    /** Why the size is what it is, for logs. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "SizerState[size=" + size + ", reason=" + reason + "]";
    }

    /** The largest size worth having as learnt from throughput, or 0 when not learnt. */
    int ceiling() {
        return ceiling;
    }

    /** The largest size known to lose throughput (a failed probe down), or 0 when not learnt. */
    int floor() {
        return floor;
    }

    long lastChange() {
        return lastChange;
    }

    /** Whether a change is waiting to be judged by throughput. */
    boolean judging() {
        return throughputBefore >= 0;
    }

    Draft draft() {
        return new Draft(this);
    }

    /** A changed size, to be judged against {@code before} (or not judged when before is -1). */
    SizerState changed(int newSize, long now, int newCeiling, int newFloor, double before, String why) {
        Draft d = draft();
        d.size = newSize;
        d.pressureSince = -1;
        d.lowSince = -1;
        d.busySince = -1;
        d.lastChange = now;
        d.ceiling = newCeiling;
        d.floor = newFloor;
        d.throughputBefore = before;
        d.sizeBefore = before >= 0 ? size : 0;
        d.repeats = 0;
        d.backRate = -1;
        d.reason = why;
        return d.build();
    }

    /** The change under judgement is settled; the size stays. */
    SizerState judged(int newCeiling, int newFloor, String why) {
        Draft d = draft();
        d.ceiling = newCeiling;
        d.floor = newFloor;
        d.throughputBefore = -1;
        d.sizeBefore = 0;
        d.repeats = 0;
        d.reason = why;
        return d.build();
    }

    /** A mutable copy, for the policy to build the next state from. */
    static final class Draft {
        int size;
        long pressureSince = -1;
        long lowSince = -1;
        long busySince = -1;
        long lastChange;
        int ceiling;
        int floor;
        double throughputBefore = -1;
        int sizeBefore;
        int repeats;
        double best;
        int bestSize;
        boolean bestLowered;
        double backRate = -1;
        double floorBest;
        long relearnAfter;
        int relearnFrom;
        long growthRetryAfter;
        long growthLearntAt;
        String reason = "";

        Draft() {}

        Draft(SizerState s) {
            size = s.size;
            pressureSince = s.pressureSince;
            lowSince = s.lowSince;
            busySince = s.busySince;
            lastChange = s.lastChange;
            ceiling = s.ceiling;
            floor = s.floor;
            throughputBefore = s.throughputBefore;
            sizeBefore = s.sizeBefore;
            repeats = s.repeats;
            best = s.best;
            bestSize = s.bestSize;
            bestLowered = s.bestLowered;
            backRate = s.backRate;
            floorBest = s.floorBest;
            relearnAfter = s.relearnAfter;
            relearnFrom = s.relearnFrom;
            growthRetryAfter = s.growthRetryAfter;
            growthLearntAt = s.growthLearntAt;
            reason = s.reason;
        }

        SizerState build() {
            return new SizerState(this);
        }
    }
}
