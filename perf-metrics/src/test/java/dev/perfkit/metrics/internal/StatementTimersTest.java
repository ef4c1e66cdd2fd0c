package dev.perfkit.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.db.QueryStats;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StatementTimersTest {
    @Test
    void seededChurnOfFingerprintsKeepsEveryTimerMonotonicAndTheirSumEqualToAllCalls() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        QueryStats stats = QueryStats.create(4); // perf-db itself folds past 8 tracked fingerprints
        StatementTimers timers = new StatementTimers(
                stats, new BoundedTags(registry, "perfkit.db.statements", 6), registry, () -> 0, sql -> {});
        Random random = new Random(7);
        Map<String, Double> last = new HashMap<>();
        long calls = 0;
        long nanos = 0;
        for (int round = 0; round < 300; round++) {
            for (int i = 0; i < 50; i++) {
                // a skewed mix: a few hot shapes, many cold ones that perf-db folds and re-tracks
                int shape = random.nextInt(10) < 7 ? random.nextInt(5) : 5 + random.nextInt(200);
                long time = 1 + random.nextInt(1000);
                stats.record("select c" + shape + " from t", time, 1);
                calls++;
                nanos += time;
            }
            timers.refresh();
            long sumCalls = 0;
            double sumNanos = 0;
            for (FunctionTimer t : registry.find("perfkit.db.statements").functionTimers()) {
                String id = t.getId().getTag("fingerprint");
                double count = t.count();
                assertThat(count).as("timer %s never goes down", id).isGreaterThanOrEqualTo(last.getOrDefault(id, 0.0));
                last.put(id, count);
                sumCalls += (long) count;
                sumNanos += t.totalTime(TimeUnit.NANOSECONDS);
            }
            assertThat(sumCalls).as("round %d", round).isEqualTo(calls);
            assertThat(sumNanos).isEqualTo((double) nanos);
        }
        assertThat(registry.find("perfkit.db.statements").functionTimers()).hasSizeBetween(3, 7);
    }

    @Test
    void aFingerprintFoldedByPerfDbAndTrackedAgainCountsOnFromItsLastValue() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        QueryStats stats = QueryStats.create(1); // perf-db keeps 2 fingerprints, folds the rest
        StatementTimers timers = new StatementTimers(
                stats, new BoundedTags(registry, "perfkit.db.statements", 5), registry, () -> 0, sql -> {});
        timers.refresh();
        for (int i = 0; i < 10; i++) {
            stats.record("select a from t", 1000, 1);
        }
        timers.refresh();
        for (int i = 0; i < 10; i++) {
            stats.record("select a from t", 1000, 1); // 10 counted on a's own timer
        }
        timers.refresh();
        FunctionTimer a = registry.get("perfkit.db.statements")
                .tag("fingerprint", FingerprintIds.of(dev.perfkit.db.SqlFingerprint.of("select a from t")))
                .functionTimer();
        assertThat(a.count()).isEqualTo(10);
        // heavier shapes push a out of perf-db's tracked set: its calls move to perf-db's own "other"
        for (int shape = 0; shape < 5; shape++) {
            stats.record("select b" + shape + " from t", 1_000_000, 1);
        }
        timers.refresh();
        assertThat(a.count()).as("kept while folded").isEqualTo(10);
        // a comes back, tracked afresh by perf-db with fewer calls than it had
        for (int i = 0; i < 3; i++) {
            stats.record("select a from t", 10_000_000, 1);
        }
        timers.refresh();
        assertThat(a.count())
                .as("never goes down; counts on from its last value")
                .isGreaterThanOrEqualTo(10);
        long total = 0;
        for (FunctionTimer t : registry.find("perfkit.db.statements").functionTimers()) {
            total += (long) t.count();
        }
        assertThat(total).isEqualTo(20 + 5 + 3);
    }
}
