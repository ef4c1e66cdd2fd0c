package dev.perfkit.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import java.util.function.LongToDoubleFunction;

/**
 * A database with a known throughput curve, a fixed number of clients in a loop and seeded noise, sampled once a
 * second the way {@link AdaptivePoolSizer} samples a real pool: throughput averaged since the last size change.
 */
final class SimulatedPool {
    private static final long S = 1_000_000_000L;

    /** Universal scalability law: 100/s per connection, contention sigma, coherency kappa. */
    static IntToDoubleFunction usl(double sigma, double kappa) {
        return n -> 100.0 * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
    }

    static int bestSize(IntToDoubleFunction curve, int upTo) {
        int best = 1;
        for (int n = 1; n <= upTo; n++) {
            if (curve.applyAsDouble(n) > curve.applyAsDouble(best)) {
                best = n;
            }
        }
        return best;
    }

    private final AdaptivePolicy policy;
    private final IntToDoubleFunction curve;
    private final int clients;
    private final SplittableRandom random;
    private final double noise;
    private SizerState state;
    private LongToDoubleFunction drift = second -> 1;
    private long second;
    private double doneSinceChange;
    private long changeAt;
    final List<Long> changes = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();

    SimulatedPool(AdaptivePolicy policy, IntToDoubleFunction curve, int clients, int start, long seed, double noise) {
        this.policy = policy;
        this.curve = curve;
        this.clients = clients;
        this.random = new SplittableRandom(seed);
        this.noise = noise;
        this.state = SizerState.start(start, 0);
    }

    /**
     * The machine or the load drifts: every throughput is multiplied by this function of the simulated second. The
     * curve's shape, and so its best size, stays.
     */
    SimulatedPool drift(LongToDoubleFunction scale) {
        this.drift = scale;
        return this;
    }

    /** Runs for {@code seconds} more simulated seconds. */
    SimulatedPool run(long seconds) {
        for (long end = second + seconds; second < end; ) {
            second++;
            int size = state.size();
            int active = Math.min(size, clients);
            double rate =
                    drift.applyAsDouble(second) * curve.applyAsDouble(active) * (1 + noise * random.nextGaussian());
            doneSinceChange += Math.max(0, rate);
            double average = doneSinceChange / Math.max(1, second - changeAt);
            int waiting = clients - active;
            SizerState next = policy.decide(
                    state, PoolSample.of(second * S, active, size - active, waiting, waiting > 0 ? 30 : 0, average));
            if (!next.reason().equals(state.reason())) {
                reasons.add(second + "s " + next.reason());
            }
            if (next.lastChange() != state.lastChange()) {
                doneSinceChange = 0;
                changeAt = second;
            }
            if (next.size() != state.size()) {
                changes.add(second);
            }
            state = next;
            sizes.add(state.size());
        }
        return this;
    }

    SizerState state() {
        return state;
    }

    /** The noiseless throughput at the current size as a share of the curve's best. */
    double shareOfBest(int upTo) {
        return curve.applyAsDouble(Math.min(state.size(), clients))
                / curve.applyAsDouble(bestSize(curve, Math.min(upTo, clients)));
    }

    /**
     * The noiseless throughput over the last {@code seconds}, as a share of the curve's best: what a user gets once
     * the sizer has settled, probes included.
     */
    double recentShareOfBest(int seconds) {
        double best = curve.applyAsDouble(bestSize(curve, clients));
        return sizes.subList(sizes.size() - seconds, sizes.size()).stream()
                        .mapToDouble(n -> curve.applyAsDouble(Math.min(n, clients)))
                        .average()
                        .orElseThrow()
                / best;
    }

    long changesBetween(long fromSecond, long toSecond) {
        return changes.stream().filter(t -> t >= fromSecond && t < toSecond).count();
    }
}
