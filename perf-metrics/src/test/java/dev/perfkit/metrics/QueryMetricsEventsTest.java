package dev.perfkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.db.NPlusOneEvent;
import dev.perfkit.db.QueryEventListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The listener's event path remembers the last fingerprint's counter: interleaved fingerprints, and equal
 * fingerprints that are different string instances, must still count on their own counter.
 */
class QueryMetricsEventsTest {
    private static NPlusOneEvent event(String fingerprint) {
        return new NPlusOneEvent(fingerprint, fingerprint.replace("?", "1"), 10, "Orders.java:42", "GET /orders");
    }

    @Test
    void interleavedAndCopiedFingerprintsCountOnTheirOwnCounters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        QueryMetrics metrics = QueryMetrics.create();
        metrics.bindTo(registry);
        QueryEventListener listener = metrics.eventListener();
        String orders = "select note from orders where id = ?";
        String users = "select name from users where id = ?";
        listener.onNPlusOne(event(orders));
        listener.onNPlusOne(event(orders));
        listener.onNPlusOne(event(users));
        listener.onNPlusOne(event(new String(orders.toCharArray()))); // equal, not the same instance
        listener.onNPlusOne(event(new String(users.toCharArray())));

        Map<String, Double> counts = new TreeMap<>();
        for (Counter c : registry.find("perfkit.db.n.plus.one").counters()) {
            counts.merge(c.getId().getTag("fingerprint"), c.count(), Double::sum);
        }
        assertThat(counts).hasSize(2);
        assertThat(counts.values()).containsExactlyInAnyOrder(3.0, 2.0);
        assertThat(registry.find("perfkit.db.n.plus.one").counters()).hasSize(2);
    }
}
