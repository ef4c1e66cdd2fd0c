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
}
