package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.testsupport.PostgresExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a real pool on a real PostgreSQL does with the values PoolSettings refuses. */
class PoolSettingsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @Test
    void hikariTurnsIdleTimeoutOffWhenItIsNotBelowMaxLifetimeAndPoolSettingsRefusesIt() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PG.database().jdbcUrl());
        config.setUsername(PG.database().user());
        config.setPassword(PG.database().password());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setIdleTimeout(Duration.ofMinutes(30).toMillis());
        config.setMaxLifetime(Duration.ofMinutes(25).toMillis());
        assertThatThrownBy(() -> PoolSettings.of(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idleTimeout")
                .hasMessageContaining("1800000 ms")
                .hasMessageContaining("maxLifetime (1500000 ms)");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isPositive();
            assertThat(pool.getIdleTimeout())
                    .as("what HikariCP really runs with")
                    .isZero();
        }
    }

    @Test
    void aPoolStartedFromAcceptedSettingsRunsWithExactlyThoseSettings() {
        PoolSettings settings = PoolSettings.builder()
                .maximumPoolSize(3)
                .minimumIdle(1)
                .connectionTimeout(Duration.ofSeconds(2))
                .validationTimeout(Duration.ofSeconds(1))
                .idleTimeout(Duration.ofSeconds(40))
                .maxLifetime(Duration.ofSeconds(41))
                .keepaliveTime(Duration.ofSeconds(30))
                .leakDetectionThreshold(Duration.ofSeconds(41))
                .build();
        HikariConfig config = settings.applyTo(new HikariConfig());
        config.setJdbcUrl(PG.database().jdbcUrl());
        config.setUsername(PG.database().user());
        config.setPassword(PG.database().password());
        try (HikariDataSource pool = new HikariDataSource(config)) {
            assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isPositive();
            assertThat(PoolSettings.of(pool)).isEqualTo(settings);
        }
    }
}
