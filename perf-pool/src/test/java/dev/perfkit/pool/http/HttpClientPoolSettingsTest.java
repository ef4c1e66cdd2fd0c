package dev.perfkit.pool.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpClientPoolSettingsTest {

    @Test
    void negativePoolSizeIsRefused() {
        assertThatThrownBy(() -> HttpClientPoolSettings.of(-1, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connectionPoolSize must be between 0 (unbounded) and 100000, but was -1");
    }

    @Test
    void keepAliveBelowOneSecondIsRefused() {
        assertThatThrownBy(() -> HttpClientPoolSettings.of(10, Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keepAlive must be between 1 s and 1 day");
    }

    @Test
    void badClientSettingsAreRefused() {
        assertThatThrownBy(() -> HttpClients.builder().connectTimeout(Duration.ZERO))
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> HttpClients.builder().executorThreads(-2))
                .hasMessageContaining("executorThreads")
                .hasMessageContaining("-2");
    }
}
