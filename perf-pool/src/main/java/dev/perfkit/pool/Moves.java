package dev.perfkit.pool;

import java.util.Locale;

/** The {@link AdaptivePolicy}'s three moves (grow, shrink when idle, probe down when busy) and their clocks. */
final class Moves {
    private Moves() {}

    static SizerState next(AdaptivePolicy p, SizerState state, PoolSample sample, boolean pressure, boolean busy) {
        long now = sample.nanoTime();
        int size = state.size;
        long sinceChange = now - state.lastChange;
        long growAfter = p.growAfter().toNanos();
        long shrinkAfter = p.shrinkAfter().toNanos();
        boolean low = !pressure && sample.active() * 2 < size;
        long pressureSince = pressure ? (state.pressureSince < 0 ? now : state.pressureSince) : -1;
        long lowSince = low ? (state.lowSince < 0 ? now : state.lowSince) : -1;
        // Busy from 90% in use, and until a quarter is idle with nobody waiting: on a CPU-bound machine one sample of
        // a saturated pool can look 85% busy while a returned connection waits for its next borrower to get a core
        // (PoolSweep sat 34 s at 56 connections with 64 clients, never 6 s busy in a row).
        boolean stillBusy = state.busySince >= 0 && (pressure || !AdaptivePolicy.quarterIdle(sample, size));
        long busySince = busy || stillBusy ? (state.busySince < 0 ? now : state.busySince) : -1;
        int limit = state.ceiling > 0 ? Math.min(p.maxSize(), state.ceiling) : p.maxSize();
        // A ceiling learnt from a saturated growth is retried once its back-off has passed.
        boolean retry = state.ceiling > 0
                && state.growthRetryAfter > 0
                // timed from when the ceiling was learnt: probes down in between must not postpone it
                && now - state.growthLearntAt >= state.growthRetryAfter
                && size >= state.ceiling
                && size < p.maxSize();
        if (retry && pressure) {
            limit = p.maxSize();
        }
        boolean changeAllowed = !state.judging();
        double rate = sample.borrowsPerSecond();
        if (changeAllowed && pressure && now - pressureSince >= growAfter && sinceChange >= growAfter && size < limit) {
            int grown = Math.min(limit, Math.max(size + p.step(), (int) Math.ceil(size * 1.5)));
            return Judgement.withBest(
                    state.changed(
                            grown,
                            now,
                            state.ceiling,
                            state.floor,
                            rate,
                            sample.waiting() + " waiting for " + (now - pressureSince) / 1_000_000 + " ms: grow to "
                                    + grown
                                    + (retry ? " (retrying past the ceiling " + state.ceiling + ")" : "")),
                    rate,
                    size);
        }
        if (changeAllowed && low && now - lowSince >= shrinkAfter && sinceChange >= shrinkAfter && size > p.minSize()) {
            int shrunk = Math.max(p.minSize(), Math.max(sample.active() + 1, size - p.step()));
            if (shrunk < size) {
                // The load fell: what was learnt about throughput no longer holds.
                SizerState.Draft d = state.changed(
                                shrunk,
                                now,
                                0,
                                0,
                                -1,
                                sample.active() + " of " + size + " in use for " + (now - lowSince) / 1_000_000
                                        + " ms: shrink to " + shrunk)
                        .draft();
                d.best = 0;
                d.bestSize = 0;
                d.bestLowered = false;
                d.growthRetryAfter = 0;
                d.relearnAfter = 0;
                d.relearnFrom = 0;
                return d.build();
            }
        }
        if (changeAllowed
                && busySince >= 0
                && !(pressure && size < limit)
                && now - busySince >= shrinkAfter
                && sinceChange >= shrinkAfter) {
            // The best throughput is a maximum of noisy windows. Measured again at the size that set it (over at
            // least shrinkAfter since the last change) and found 5% lower, it was a lucky window or the load
            // changed: it is lowered by 5% (at most to this measure), and the floor learnt against it is
            // forgotten, so one inflated window cannot pin the pool above its best size. Once per best: lowered
            // again and again, it would let probes ratchet down 5% at a time (PoolSweep from 2 ended at 3).
            String anchored = "";
            SizerState base = state;
            if (state.backRate > 0 && rate < state.backRate * Judgement.DRIFT) {
                // Back from an undone probe, the same size gives much less than before it: the machine or the load
                // drifted (PoolSweep saw 48 connections give 3,058/s, then 2,355/s ten seconds later, and every
                // later probe rejected against the old best). The best is scaled by the same factor, and the floor
                // learnt against the unscaled best is forgotten. Noise alone rarely moves one size by 15%, so probes
                // cannot ratchet down through this.
                SizerState.Draft d = state.draft();
                d.best = state.best * rate / state.backRate;
                d.bestLowered = true;
                d.floor = 0;
                base = d.build();
                anchored = String.format(
                        Locale.ROOT,
                        " (%d gave %.0f/s before the probe and %.0f/s now: best scaled to %.0f/s, floor forgotten)",
                        size,
                        state.backRate,
                        rate,
                        d.best);
            } else if (size == state.bestSize && !state.bestLowered && rate < state.best * Judgement.LOSS) {
                SizerState.Draft d = state.draft();
                d.best = Math.max(rate, state.best * Judgement.LOSS);
                d.bestLowered = true;
                d.floor = 0;
                base = d.build();
                anchored = String.format(
                        Locale.ROOT, " (best %.0f/s re-measured at %.0f/s, lowered by 5%%)", state.best, rate);
            }
            int floor = base.floor;
            int target = Math.max(
                    Math.max(p.minSize(), floor + 1),
                    Math.max(size - Math.max(p.step(), size / 4), (floor + size + 1) / 2));
            if (target < size) {
                return Judgement.withBest(
                        base.changed(
                                target,
                                now,
                                base.ceiling,
                                floor,
                                rate,
                                sample.active() + " of " + size + " busy, " + sample.waiting() + " waiting, for "
                                        + (now - busySince) / 1_000_000 + " ms: probe down to " + target + anchored),
                        rate,
                        size);
            }
        }
        SizerState.Draft d = state.draft();
        d.pressureSince = pressureSince;
        d.lowSince = lowSince;
        d.busySince = busySince;
        return d.build();
    }
}
