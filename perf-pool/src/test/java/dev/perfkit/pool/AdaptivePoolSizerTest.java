package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdaptivePoolSizerTest {

    @Test
    void aSamplingIntervalBelowFiftyMillisecondsIsRefusedBeforeAnythingStarts() {
        try (HikariDataSource notStarted = new HikariDataSource()) {
            assertThatThrownBy(() -> AdaptivePoolSizer.start(
                            notStarted,
                            AcquisitionStats.wrapping(null),
                            AdaptivePolicy.between(2, 8),
                            Duration.ofMillis(10)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("interval must be at least 50 ms, but was 10 ms");
        }
    }

    @Test
    void aPoolThatHasNotStartedIsRefused() {
        try (HikariDataSource notStarted = new HikariDataSource()) {
            assertThatThrownBy(() -> AdaptivePoolSizer.manual(
                            notStarted,
                            AcquisitionStats.wrapping(null),
                            AdaptivePolicy.between(2, 8),
                            System::nanoTime))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("pool not started");
        }
    }
}
