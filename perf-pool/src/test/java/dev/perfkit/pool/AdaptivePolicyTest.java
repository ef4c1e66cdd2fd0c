package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdaptivePolicyTest {
    private static final long S = 1_000_000_000L;
    private final AdaptivePolicy policy =
            AdaptivePolicy.between(2, 10).timings(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMillis(5));

    private static PoolSample waiting(long t, int active, int waiting, double throughput) {
        return PoolSample.of(t, active, 0, waiting, 20, throughput);
    }

    private static PoolSample quiet(long t, int active, int idle) {
        return PoolSample.of(t, active, idle, 0, 0, 10);
    }

    @Test
    void growsOnlyAfterWaitingLastsGrowAfter() {
        SizerState s = SizerState.start(2, 0);
        s = policy.decide(s, waiting(1 * S, 2, 5, 100));
        assertThat(s.size()).isEqualTo(2);
        s = policy.decide(s, waiting(2 * S, 2, 5, 100));
        assertThat(s.size()).isEqualTo(2);
        s = policy.decide(s, waiting(3 * S, 2, 5, 100));
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.reason()).contains("grow to 3");
    }

    @Test
    void aBreakInWaitingRestartsTheClock() {
        SizerState s = SizerState.start(2, 0);
        s = policy.decide(s, waiting(3 * S, 2, 5, 100));
        s = policy.decide(s, quiet(4 * S, 2, 0));
        s = policy.decide(s, waiting(5 * S, 2, 5, 100));
        assertThat(s.size()).isEqualTo(2);
        s = policy.decide(s, waiting(7 * S, 2, 5, 100));
        assertThat(s.size()).isEqualTo(3);
    }

    @Test
    void keepsGrowingWhileThroughputRisesAndStepsBackWhenItStops() {
        SizerState s = SizerState.start(2, 0);
        s = policy.decide(s, waiting(0, 2, 9, 100));
        s = policy.decide(s, waiting(2 * S, 2, 9, 100));
        assertThat(s.size()).isEqualTo(3);
        s = policy.decide(s, waiting(4 * S, 3, 9, 150)); // +50%: growth confirmed, pressure clock restarts
        s = policy.decide(s, waiting(6 * S, 3, 9, 150));
        assertThat(s.size()).as("grows by half").isEqualTo(5);
        s = policy.decide(s, waiting(8 * S, 5, 9, 152)); // +1%: measured again before stepping back
        assertThat(s.size()).isEqualTo(5);
        assertThat(s.reason()).contains("measuring again");
        s = policy.decide(s, waiting(10 * S, 5, 9, 152)); // still +1%: saturated
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.ceiling()).isEqualTo(3);
        assertThat(s.reason()).contains("saturated");
        java.util.List<String> reasons = new java.util.ArrayList<>();
        for (long t = 11; t < 55; t++) {
            // Fully busy at the ceiling: a probe down to 2 follows after shrinkAfter, and 2 connections serve less;
            // the retry past the ceiling finds 5 no better than 3.
            SizerState next = policy.decide(s, waiting(t * S, s.size(), 9, 50.0 * Math.min(3, s.size())));
            if (!next.reason().equals(s.reason())) {
                reasons.add(t + "s " + next.reason());
            }
            s = next;
        }
        assertThat(s.size()).as(String.join("\n", reasons)).isEqualTo(3);
        assertThat(reasons)
                .anyMatch(r -> r.contains("probe down to 2 gave 100/s vs best 150/s: too small, back to 3"))
                .anyMatch(r -> r.contains("(retrying past the ceiling 3)"))
                .anyMatch(r -> r.contains("growth to 5 gave 150/s vs 150/s before: saturated, back to 3"));
    }

    @Test
    void shrinksWhenMostlyUnusedForShrinkAfterAndNotBelowMin() {
        SizerState s = SizerState.start(6, 0);
        s = policy.decide(s, quiet(1 * S, 1, 5));
        s = policy.decide(s, quiet(10 * S, 1, 5));
        assertThat(s.size()).isEqualTo(6);
        s = policy.decide(s, quiet(11 * S, 1, 5));
        assertThat(s.size()).isEqualTo(5);
        for (long t = 12; t < 200; t++) {
            s = policy.decide(s, quiet(t * S, 0, 5));
        }
        assertThat(s.size()).isEqualTo(2);
    }

    @Test
    void hysteresisBlocksAShrinkRightAfterAGrowth() {
        SizerState s = SizerState.start(4, 0);
        s = policy.decide(s, waiting(0, 4, 3, 100));
        s = policy.decide(s, waiting(2 * S, 4, 3, 100));
        assertThat(s.size()).isEqualTo(6);
        s = policy.decide(s, quiet(3 * S, 0, 5));
        s = policy.decide(s, quiet(9 * S, 0, 5));
        assertThat(s.size()).isEqualTo(6);
    }

    @Test
    void clusterCapBoundsGrowth() {
        AdaptivePolicy capped = policy.clusterCap(12, 3);
        assertThat(capped.maxSize()).isEqualTo(4);
        SizerState s = SizerState.start(9, 0);
        s = capped.decide(s, quiet(S, 0, 9));
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.reason()).contains("clamped");
    }

    @Test
    void seededRandomLoadAlwaysStaysWithinBoundsAndIsDeterministic() {
        for (int run = 0; run < 2; run++) {
            Random random = new Random(42);
            SizerState s = SizerState.start(2, 0);
            StringBuilder trace = new StringBuilder();
            int changes = 0;
            for (int i = 1; i <= 5_000; i++) {
                long t = i * 250_000_000L;
                PoolSample sample = PoolSample.of(
                        t,
                        random.nextInt(s.size() + 1),
                        random.nextInt(3),
                        random.nextInt(4),
                        random.nextDouble() * 10,
                        random.nextDouble() * 1000);
                SizerState before = s;
                s = policy.decide(s, sample);
                assertThat(s.size()).isBetween(2, 10);
                if (s.size() != before.size()) {
                    long since = t - before.lastChange();
                    assertThat(since).as(s.reason()).isGreaterThanOrEqualTo(2 * S);
                    if (s.size() < before.size() && !s.reason().contains("back to")) {
                        assertThat(since)
                                .as("shrinks and probes wait shrinkAfter: " + s.reason())
                                .isGreaterThanOrEqualTo(10 * S);
                    }
                    changes++;
                }
                trace.append(s.size());
            }
            assertThat(changes)
                    .as("the random load moves the size, within hysteresis")
                    .isBetween(4, 5_000 / 8);
            assertThat(trace.toString().hashCode()).isEqualTo(traceOfSeed42());
        }
    }

    private int traceOfSeed42() {
        Random random = new Random(42);
        SizerState s = SizerState.start(2, 0);
        StringBuilder trace = new StringBuilder();
        for (int i = 1; i <= 5_000; i++) {
            PoolSample sample = PoolSample.of(
                    i * 250_000_000L,
                    random.nextInt(s.size() + 1),
                    random.nextInt(3),
                    random.nextInt(4),
                    random.nextDouble() * 10,
                    random.nextDouble() * 1000);
            s = policy.decide(s, sample);
            trace.append(s.size());
        }
        return trace.toString().hashCode();
    }

    @Test
    void badBoundsAndTimingsAreRefused() {
        assertThatThrownBy(() -> AdaptivePolicy.between(0, 4))
                .hasMessage("minSize must be between 1 and 10000, but was 0");
        assertThatThrownBy(() -> AdaptivePolicy.between(5, 4))
                .hasMessageContaining("maxSize must be between minSize (5)");
        assertThatThrownBy(() -> policy.step(0)).hasMessageContaining("step");
        assertThatThrownBy(() -> policy.timings(Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("growAfter must be at least 100 ms");
        assertThatThrownBy(() -> policy.timings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("shrinkAfter must be at least growAfter");
        assertThatThrownBy(() -> policy.clusterCap(3, 4)).hasMessageContaining("clusterCap share");
        assertThatThrownBy(() -> PoolSample.of(0, -1, 0, 0, 0, 0)).hasMessageContaining("active");
    }
}
