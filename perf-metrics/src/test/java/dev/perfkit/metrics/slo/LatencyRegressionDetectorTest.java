package dev.perfkit.metrics.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyRegressionDetectorTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Timer timer = registry.timer("db.query");
    private final Random random = new Random(3);
    private final LatencyRegressionDetector detector =
            LatencyRegressionDetector.builder(registry, "db.query").build();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private Alert.Status interval(double meanMillis) {
        for (int i = 0; i < 50; i++) {
            timer.record(Duration.ofNanos((long) (meanMillis * 1e6 * (0.8 + 0.4 * random.nextDouble()))));
        }
        now = now.plusSeconds(60);
        Alert a = detector.evaluate(now);
        return a == null ? null : a.status();
    }

    @Test
    void noisyButSteadyLatencyNeverFires() {
        detector.evaluate(now);
        for (int i = 0; i < 500; i++) {
            assertThat(interval(10 * (0.9 + 0.2 * random.nextDouble()))).isNull();
        }
    }

    @Test
    void aTripledLatencyFiresAfterThreeIntervalsAndResolvesAfterThreeNormalOnes() {
        detector.evaluate(now);
        for (int i = 0; i < 20; i++) {
            assertThat(interval(10)).isNull();
        }
        assertThat(interval(30)).isNull();
        assertThat(interval(30)).isNull();
        assertThat(interval(30)).isEqualTo(Alert.Status.FIRING);
        for (int i = 0; i < 10; i++) {
            assertThat(interval(30))
                    .as("the regression does not become the baseline")
                    .isNull();
        }
        assertThat(detector.firing()).isNotNull();
        assertThat(detector.baselineNanos()).isBetween(9e6, 11e6);
        assertThat(interval(10)).isNull();
        assertThat(interval(10)).isNull();
        assertThat(interval(10)).isEqualTo(Alert.Status.RESOLVED);
        assertThat(detector.firing()).isNull();
    }

    @Test
    void intervalsWithoutTrafficAreSkipped() {
        detector.evaluate(now);
        for (int i = 0; i < 20; i++) {
            assertThat(interval(10)).isNull();
            assertThat(detector.evaluate(now)).isNull();
        }
        assertThat(detector.baselineNanos()).isBetween(9e6, 11e6);
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        assertThatThrownBy(() ->
                        LatencyRegressionDetector.builder(registry, "db.query").tolerance(0))
                .hasMessage("tolerance must be 0.01 to 100, but was 0.0");
        assertThatThrownBy(() -> LatencyRegressionDetector.builder(registry, "not a meter"))
                .hasMessage("meter must be a Micrometer name, but was 'not a meter'");
    }
}
