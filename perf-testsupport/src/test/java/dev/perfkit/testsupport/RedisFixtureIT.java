package dev.perfkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class RedisFixtureIT {

    @Test
    void sharedServerAnswersPing() {
        RedisServer redis = Redis.shared();
        assertThat(redis.ping()).isEqualTo("+PONG");
        assertThat(redis.uri()).startsWith("redis://");
        System.out.println("RedisFixtureIT ran against " + (Redis.externalConfigured() ? "external" : "fixture-started")
                + " Redis at " + redis.uri());
    }

    @Test
    void privateServerCanBeKilledAndRestarted() {
        try (RedisProcess redis = Redis.startPrivate()) {
            assertThat(redis.ping()).isEqualTo("+PONG");
            redis.stop();
            assertThatThrownBy(redis::ping).isInstanceOf(UncheckedIOException.class);
            redis.start();
            assertThat(redis.ping()).isEqualTo("+PONG");
        }
    }
}
