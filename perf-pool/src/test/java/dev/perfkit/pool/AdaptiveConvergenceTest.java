package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Convergence as a correctness property: on simulated databases with known throughput curves, seeded noise and a
 * controllable clock, the sizer started at either end settles where throughput is within 10% of the curve's best,
 * and under a steady load it stops re-probing often.
 */
class AdaptiveConvergenceTest {
    private static final int CLIENTS = 64;
    /** Like the PoolSweep: best 16 at 2,947/s, 8 connections at 97.6%, a slow decline beyond. */
    private static final IntToDoubleFunction SWEEP_LIKE =
            n -> 2947 * Math.min(1, n / 7.5) * (1 - 0.003 * Math.abs(n - 16));
    /**
     * Each quarter fewer connections below 16 loses under 2%, so a probe judged against the previous step is always
     * kept and the losses add up (from 16 down to 2 at 88%): the ratchet the issue saw (80% of the best at 5).
     * Tested from the top only: from below, growth stops by design where 50% more connections give under 5% more
     * throughput (2 to 3 here gives 2.6%).
     */
    private static final IntToDoubleFunction GENTLE =
            n -> 1000 * (n >= 16 ? 1 - 0.002 * (n - 16) : 1 - 0.04 * Math.log(16.0 / n) / Math.log(2));
    /** A curve with a smooth maximum (universal scalability law). */
    private static final IntToDoubleFunction USL = SimulatedPool.usl(0.04, 0.003);
    /** Plateau from 16 on. */
    private static final IntToDoubleFunction KNEE = n -> 100.0 * Math.min(n, 16);
    /** Falls steeply beyond its best at 8: surplus connections cost throughput. */
    private static final IntToDoubleFunction CONTENDED = SimulatedPool.usl(0.05, 0.012);

    private static final AdaptivePolicy POLICY =
            AdaptivePolicy.between(2, 64).timings(Duration.ofSeconds(3), Duration.ofSeconds(6), Duration.ofMillis(5));

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void fromBothEndsTheSizerSettlesWithinTenPercentOfTheBest(long seed) {
        for (IntToDoubleFunction curve : new IntToDoubleFunction[] {SWEEP_LIKE, USL, KNEE, CONTENDED}) {
            for (int start : new int[] {2, 64}) {
                SimulatedPool pool = new SimulatedPool(POLICY, curve, CLIENTS, start, seed, 0.04).run(900);
                assertThat(pool.recentShareOfBest(300))
                        .as(
                                "seed %d from %d, at %d:%n%s",
                                seed, start, pool.state().size(), String.join("\n", pool.reasons))
                        .isGreaterThanOrEqualTo(0.90);
            }
        }
        SimulatedPool gentle = new SimulatedPool(POLICY, GENTLE, CLIENTS, 64, seed, 0.04).run(900);
        assertThat(gentle.recentShareOfBest(300))
                .as("gentle slope from 64, at %d:%n%s", gentle.state().size(), String.join("\n", gentle.reasons))
                .isGreaterThanOrEqualTo(0.90);
    }

    /**
     * This machine's PoolSweep, point by point (best 8 at 3,786/s; 16 at 88%, 32 at 70%, 64 at 66%): flat at the top,
     * so probes down from 64 gain little each, and noisy (3-second windows at one size differ by 6-8%).
     */
    private static final IntToDoubleFunction MEASURED = n -> {
        double[] low = {2145, 2145, 2145, 2900, 3584, 3454, 3600, 3700, 3786};
        if (n <= 8) {
            return low[Math.max(2, n)];
        }
        if (n <= 16) {
            return 3786 - (3786 - 3337) * (n - 8) / 8.0;
        }
        if (n <= 32) {
            return 3337 - (3337 - 2668) * (n - 16) / 16.0;
        }
        return 2668 - (2668 - 2507) * (n - 32) / 32.0;
    };

    /**
     * What PoolSweep asks on a noisy machine: 12% noise a second, 90 seconds from each end. One low window must not
     * undo a probe, and a best set by a lucky window must not pin the pool above its best size (before both rules,
     * 13 of 40 seeds settled within 10% from 64 on {@link #MEASURED}; PoolSweep missed 2 of 3 from 64).
     */
    @Test
    void withinPoolSweepsNinetySecondsOnANoisyMachineMostSeedsSettleWithinTenPercent() {
        StringBuilder misses = new StringBuilder();
        for (IntToDoubleFunction curve : new IntToDoubleFunction[] {MEASURED, CONTENDED}) {
            for (int start : new int[] {2, 64}) {
                for (double noise : new double[] {0.08, 0.12}) {
                    int within = 0;
                    for (long seed = 1; seed <= 40; seed++) {
                        SimulatedPool pool = new SimulatedPool(POLICY, curve, CLIENTS, start, seed, noise).run(90);
                        if (pool.recentShareOfBest(1) >= 0.90) {
                            within++;
                        } else {
                            misses.append(String.format(
                                    "%s from %d, noise %.2f, seed %d: at %d%n",
                                    curve == MEASURED ? "measured" : "contended",
                                    start,
                                    noise,
                                    seed,
                                    pool.state().size()));
                        }
                    }
                    assertThat(within)
                            .as("seeds of 40 within 10%% from %d at noise %.2f%n%s", start, noise, misses)
                            .isGreaterThanOrEqualTo(noise < 0.1 ? 38 : 34);
                }
            }
        }
    }

    /**
     * The machine slows down by a fifth partway through the run, as PoolSweep saw (48 connections gave 3,058/s, then
     * 2,355/s ten seconds later). Every probe judged against the best seen before the drop fails, and the floors it
     * learns pin the pool near the top: before the drift rule, 27 of 100 seeds on {@link #MEASURED} and 69 of 100 on
     * today's sweep settled within 10% from 64; with it, 82 and 93. A size measured again after an undone probe that
     * gives 15% less scales the best by as much.
     */
    @Test
    void aMachineThatSlowsDownMidRunStillLetsTheProbesFromTheTopThrough() {
        StringBuilder misses = new StringBuilder();
        for (IntToDoubleFunction curve : new IntToDoubleFunction[] {MEASURED, CONTENDED}) {
            int within = 0;
            for (long seed = 1; seed <= 40; seed++) {
                long dropAt = 10 + seed * 7 % 50;
                SimulatedPool pool = new SimulatedPool(POLICY, curve, CLIENTS, 64, seed, 0.10)
                        .drift(second -> second < dropAt ? 1 : 0.8)
                        .run(90);
                if (pool.recentShareOfBest(1) >= 0.90) {
                    within++;
                } else {
                    misses.append(String.format(
                            "%s, seed %d, slower from %d s: at %d%n",
                            curve == MEASURED ? "measured" : "contended",
                            seed,
                            dropAt,
                            pool.state().size()));
                }
            }
            assertThat(within).as("seeds of 40 within 10%%%n%s", misses).isGreaterThanOrEqualTo(30);
        }
    }

    @Test
    void theCurvesAreWhatTheTestsSay() {
        assertThat(SimulatedPool.bestSize(SWEEP_LIKE, 64)).isEqualTo(16);
        assertThat(SWEEP_LIKE.applyAsDouble(8) / SWEEP_LIKE.applyAsDouble(16)).isBetween(0.97, 0.98);
        assertThat(SimulatedPool.bestSize(USL, 64)).isBetween(16, 19);
        assertThat(SimulatedPool.bestSize(CONTENDED, 64)).isBetween(7, 10);
        assertThat(CONTENDED.applyAsDouble(64) / CONTENDED.applyAsDouble(8)).isLessThan(0.5);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void underASteadyLoadReprobingBacksOffExponentially(long seed) {
        // Default timings (grow after 2 s, shrink after 30 s): bounds first expire after 5 min.
        AdaptivePolicy defaults = AdaptivePolicy.between(2, 64);
        SimulatedPool pool = new SimulatedPool(defaults, SWEEP_LIKE, CLIENTS, 64, seed, 0.02).run(4 * 3600);
        String log = String.join("\n", pool.reasons);
        assertThat(pool.changesBetween(3600, 4 * 3600))
                .as("size changes in hours 2 to 4 (every 5 min before the back-off: about 60 an hour)%n%s", log)
                .isLessThanOrEqualTo(18);
        assertThat(pool.changesBetween(3 * 3600, 4 * 3600)).as(log).isLessThanOrEqualTo(6);
        assertThat(pool.recentShareOfBest(3600)).as(log).isGreaterThanOrEqualTo(0.90);
    }
}
