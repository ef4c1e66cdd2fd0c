package dev.perfkit.pool;

import java.util.Locale;

/** How the {@link AdaptivePolicy} judges a change once its window has passed. */
final class Judgement {
    private static final double GAIN = 1.05;
    static final double LOSS = 0.95;
    /**
     * A size measured again after an undone probe that gives less than this share of what it gave before the probe
     * says the machine or the load drifted, not noise: on simulated curves at 10% noise a second, 0.85 changed no
     * outcome without drift, while 0.90 let noise lower the best and cost up to 5 of 100 seeds.
     */
    static final double DRIFT = 0.85;
    /** A growth-learnt ceiling is first retried this many growAfter windows after it was learnt. */
    static final long GROWTH_RETRY_FACTOR = 5;

    private Judgement() {}

    /**
     * A growth is kept while callers still wait and throughput rose by 5%; when it did not, it is measured over a
     * second window before stepping back, so that one noisy window does not stop the growth too early.
     */
    static SizerState growth(AdaptivePolicy policy, SizerState state, PoolSample sample, boolean pressure) {
        double rate = sample.borrowsPerSecond();
        if (pressure && rate < state.throughputBefore * GAIN && state.repeats == 0) {
            SizerState.Draft d = state.draft();
            d.repeats = 1;
            d.reason = String.format(
                    Locale.ROOT,
                    "growth to %d gave %.0f/s vs %.0f/s before: measuring again",
                    state.size,
                    rate,
                    state.throughputBefore);
            return d.build();
        }
        if (pressure && rate < state.throughputBefore * GAIN) {
            int back = Math.max(policy.minSize(), state.sizeBefore > 0 ? state.sizeBefore : state.size - policy.step());
            // One flat window on a noisy machine can stop the growth early: retry past this ceiling after a
            // while, waiting twice as long each time the retry is saturated again.
            long base = GROWTH_RETRY_FACTOR * policy.growAfter().toNanos();
            long cap = AdaptivePolicy.RELEARN_FACTOR
                    * AdaptivePolicy.MAX_BACKOFF
                    * policy.shrinkAfter().toNanos();
            long last = Math.abs(state.growthRetryAfter);
            long retry = last == 0 ? base : Math.min(cap, last * 2);
            return withRetry(
                    state.changed(
                            back,
                            sample.nanoTime(),
                            back,
                            state.floor,
                            -1,
                            String.format(
                                    Locale.ROOT,
                                    "growth to %d gave %.0f/s vs %.0f/s before: saturated, back to %d",
                                    state.size,
                                    rate,
                                    state.throughputBefore,
                                    back)),
                    retry,
                    sample.nanoTime());
        }
        boolean pastCeiling = state.ceiling > 0 && state.size > state.ceiling;
        SizerState judged = state.judged(
                pressure && pastCeiling ? 0 : state.ceiling,
                state.floor,
                pressure
                        ? "growth to " + state.size + " raised throughput" + (pastCeiling ? " past the ceiling" : "")
                        : state.reason);
        if (pressure && pastCeiling) {
            judged = withRetry(judged, 0);
        }
        return pressure ? withBest(judged, rate, state.size) : judged;
    }

    private static SizerState withRetry(SizerState state, long retryAfter) {
        return withRetry(state, retryAfter, state.growthLearntAt);
    }

    private static SizerState withRetry(SizerState state, long retryAfter, long learntAt) {
        SizerState.Draft d = state.draft();
        d.growthRetryAfter = retryAfter;
        d.growthLearntAt = learntAt;
        return d.build();
    }

    /**
     * A probe down is judged over two windows (the second sample averages both) against the best throughput seen:
     * kept when a busy pool stays within 5% of it, undone when it does not. One window decides neither way: on a
     * noisy machine a single low window would undo a good probe and learn a floor above the best size (PoolSweep
     * from 64 stuck at 38 and 47 connections, 83% of the best, in 2 of 3 runs). A probe that left a quarter of the
     * pool idle while nobody waited limited nobody and says nothing about throughput. Anything busier is judged by
     * throughput: on a CPU-bound machine the clients themselves wait for a core, so a returned connection sits idle
     * for a moment before its next borrower takes it, and one sample of a saturated pool can look 80% busy or show
     * a caller waiting beside idle connections (PoolSweep from 64 saw 1 waiting on a 48-connection pool that looked
     * 83% busy, and a 56-connection pool with 64 clients and nobody waiting: both probes were kept as "the load
     * fell" without a ceiling, and the pool grew back to 64).
     */
    static SizerState probe(SizerState state, PoolSample sample, boolean pressure) {
        double rate = sample.borrowsPerSecond();
        String rates = String.format(Locale.ROOT, "%.0f/s vs best %.0f/s", rate, state.best);
        if (!pressure && AdaptivePolicy.quarterIdle(sample, state.size)) {
            return state.judged(state.ceiling, state.floor, "probe down to " + state.size + ": the load fell, kept");
        }
        if (rate < state.best * LOSS && state.repeats == 0) {
            SizerState.Draft d = state.draft();
            d.repeats = 1;
            d.reason = "probe down to " + state.size + " gave " + rates + ": measuring again";
            return d.build();
        }
        if (rate < state.best * LOSS) {
            int back = state.sizeBefore;
            SizerState.Draft d = state.changed(
                            back,
                            sample.nanoTime(),
                            back,
                            state.size,
                            -1,
                            "probe down to " + state.size + " gave " + rates + ": too small, back to " + back)
                    .draft();
            d.backRate = state.throughputBefore;
            d.floorBest = state.best;
            return d.build();
        }
        if (state.repeats == 0) {
            SizerState.Draft d = state.draft();
            d.repeats = 1;
            d.reason = "probe down to " + state.size + " holds " + rates + ": measuring again";
            return d.build();
        }
        // A ceiling from a kept probe says fewer connections do as well: growth is not retried past it (the wait is
        // kept, negated, so the next saturated growth still doubles it). A kept probe that beats by 5% the best a
        // floor was judged against says the floor came from a lucky best or a slower moment: it is forgotten, so
        // the probes go on a quarter at a time instead of creeping to it one connection at a time (PoolSweep from
        // 64 learnt 27 against 3,407/s, then kept 32, 30, 29 and 28 with 3,259-3,761/s, and the 90 s were over).
        boolean beatsFloor = state.floor > 0 && rate > state.floorBest / LOSS;
        String kept = "probe down to " + state.size + " kept " + rates + " twice"
                + (beatsFloor
                        ? String.format(
                                Locale.ROOT,
                                " (the floor %d was judged against %.0f/s: forgotten)",
                                state.floor,
                                state.floorBest)
                        : "");
        return withBest(
                withRetry(
                        state.judged(state.size, beatsFloor ? 0 : state.floor, kept),
                        -Math.abs(state.growthRetryAfter)),
                rate,
                state.size);
    }

    /** Records {@code rate}, measured at {@code size}, as the best throughput if it is. */
    static SizerState withBest(SizerState state, double rate, int size) {
        if (rate <= state.best) {
            return state;
        }
        SizerState.Draft d = state.draft();
        d.best = rate;
        d.bestSize = size;
        d.bestLowered = false;
        return d.build();
    }
}
