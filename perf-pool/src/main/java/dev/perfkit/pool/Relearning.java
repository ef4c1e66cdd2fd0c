package dev.perfkit.pool;

/**
 * When the {@link AdaptivePolicy}'s learnt bounds expire, with exponential back-off: a re-probe that ends where it
 * started doubles the wait before the next one (up to {@link AdaptivePolicy#MAX_BACKOFF} times the first), one that
 * moved the size resets it.
 */
final class Relearning {
    private Relearning() {}

    static SizerState expire(AdaptivePolicy policy, SizerState state, long sinceChange) {
        long base = AdaptivePolicy.RELEARN_FACTOR * policy.shrinkAfter().toNanos();
        long wait = state.relearnAfter > 0 ? state.relearnAfter : base;
        if (state.judging() || (state.ceiling == 0 && state.floor == 0) || sinceChange < wait) {
            return state;
        }
        boolean sameAsLastTime = state.relearnFrom == state.size;
        long next = sameAsLastTime ? Math.min(wait * 2, base * AdaptivePolicy.MAX_BACKOFF) : base;
        SizerState.Draft d = state.draft();
        d.ceiling = 0;
        d.floor = 0;
        d.relearnFrom = state.size;
        d.relearnAfter = next;
        d.reason = "learnt bounds expired after " + sinceChange / 1_000_000 + " ms without a change"
                + (sameAsLastTime ? " (the last re-probe ended at the same size: next wait doubled)" : "");
        return d.build();
    }
}
