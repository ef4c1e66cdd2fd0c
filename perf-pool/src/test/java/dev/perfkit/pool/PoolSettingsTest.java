package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolSettingsTest {

    @Test
    void defaultsMatchHikariAndApplyToAConfig() {
        HikariConfig config =
                PoolSettings.builder().maximumPoolSize(8).minimumIdle(2).build().applyTo(new HikariConfig());
        assertThat(config.getMaximumPoolSize()).isEqualTo(8);
        assertThat(config.getMinimumIdle()).isEqualTo(2);
        assertThat(config.getConnectionTimeout()).isEqualTo(30_000);
        assertThat(config.getMaxLifetime()).isEqualTo(1_800_000);
        assertThat(PoolSettings.of(config))
                .isEqualTo(
                        PoolSettings.builder().maximumPoolSize(8).minimumIdle(2).build());
    }

    @Test
    void minimumIdleDefaultsToAFixedSizePool() {
        assertThat(PoolSettings.builder().maximumPoolSize(6).build().minimumIdle())
                .isEqualTo(6);
    }

    @Test
    void negativeOrZeroPoolSizeIsRefused() {
        assertThatThrownBy(() -> PoolSettings.builder().maximumPoolSize(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maximumPoolSize")
                .hasMessageContaining("-1")
                .hasMessageContaining("between 1 and 10000");
        assertThatThrownBy(() -> PoolSettings.builder().maximumPoolSize(0)).hasMessageContaining("was 0");
    }

    @Test
    void negativeMinimumIdleIsRefused() {
        assertThatThrownBy(() -> PoolSettings.builder().minimumIdle(-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minimumIdle")
                .hasMessageContaining("-3");
    }

    @Test
    void minimumIdleAboveMaximumIsRefused() {
        assertThatThrownBy(() ->
                        PoolSettings.builder().maximumPoolSize(4).minimumIdle(5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minimumIdle must be between 0 and maximumPoolSize (4), but was 5");
    }

    @Test
    void connectionTimeoutBelowHikariFloorIsRefused() {
        assertThatThrownBy(() -> PoolSettings.builder().connectionTimeout(Duration.ofMillis(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectionTimeout must be at least 250 ms")
                .hasMessageContaining("was 100 ms");
    }

    @Test
    void validationTimeoutBelowFloorOrAboveConnectionTimeoutIsRefused() {
        assertThatThrownBy(() -> PoolSettings.builder().validationTimeout(Duration.ofMillis(249)))
                .hasMessageContaining("validationTimeout must be at least 250 ms");
        assertThatThrownBy(() -> PoolSettings.builder()
                        .connectionTimeout(Duration.ofSeconds(1))
                        .validationTimeout(Duration.ofSeconds(1))
                        .build())
                .hasMessageContaining("validationTimeout must be below");
    }

    @Test
    void idleTimeoutBelowTenSecondsIsRefusedButZeroIsAllowed() {
        assertThatThrownBy(() -> PoolSettings.builder()
                        .idleTimeout(Duration.ofSeconds(5))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idleTimeout must be 0 (off) or at least 10000 ms");
        assertThat(PoolSettings.builder().idleTimeout(Duration.ZERO).build().idleTimeout())
                .isZero();
    }

    @Test
    void maxLifetimeBelowThirtySecondsIsRefused() {
        assertThatThrownBy(() -> PoolSettings.builder()
                        .maxLifetime(Duration.ofSeconds(10))
                        .build())
                .hasMessageContaining("maxLifetime must be 0 (off) or at least 30000 ms")
                .hasMessageContaining("10000 ms");
    }

    @Test
    void keepaliveBelowFloorOrNotBelowLifetimeIsRefused() {
        assertThatThrownBy(() -> PoolSettings.builder()
                        .keepaliveTime(Duration.ofSeconds(5))
                        .build())
                .hasMessageContaining("keepaliveTime must be 0 (off) or at least 30000 ms");
        assertThatThrownBy(() -> PoolSettings.builder()
                        .maxLifetime(Duration.ofMinutes(1))
                        .keepaliveTime(Duration.ofMinutes(2))
                        .build())
                .hasMessageContaining("keepaliveTime must be 0 (off) or below maxLifetime");
    }

    @Test
    void leakThresholdBelowTwoSecondsOrAboveLifetimeIsRefused() {
        assertThatThrownBy(() -> PoolSettings.builder()
                        .leakDetectionThreshold(Duration.ofMillis(500))
                        .build())
                .hasMessageContaining("leakDetectionThreshold must be 0 (off) or at least 2000 ms");
        assertThatThrownBy(() -> PoolSettings.builder()
                        .maxLifetime(Duration.ofMinutes(1))
                        .keepaliveTime(Duration.ZERO)
                        .leakDetectionThreshold(Duration.ofMinutes(2))
                        .build())
                .hasMessageContaining("leakDetectionThreshold must be 0 (off) or at most maxLifetime (60000 ms)")
                .hasMessageContaining("was 120000 ms");
    }

    @Test
    void nullDurationsNameTheParameter() {
        assertThatThrownBy(() -> PoolSettings.builder().maxLifetime(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("maxLifetime");
    }

    @Test
    void anImpossibleExistingConfigIsRefusedBeforeThePoolStarts() {
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(5);
        config.setMinimumIdle(9);
        assertThatThrownBy(() -> PoolSettings.of(config)).hasMessageContaining("minimumIdle");
    }

    @Test
    void anIdleTimeoutNotOneSecondBelowMaxLifetimeIsRefusedNamingBoth() {
        // HikariCP 7.1.0 turns idleTimeout off when idleTimeout + 1 s > maxLifetime in a pool that may shrink.
        assertThatThrownBy(() -> PoolSettings.builder()
                        .minimumIdle(2)
                        .idleTimeout(Duration.ofMinutes(30))
                        .maxLifetime(Duration.ofMinutes(25))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idleTimeout")
                .hasMessageContaining("1800000 ms")
                .hasMessageContaining("maxLifetime (1500000 ms)");
        assertThatThrownBy(() -> PoolSettings.builder()
                        .minimumIdle(0)
                        .idleTimeout(Duration.ofSeconds(60))
                        .maxLifetime(Duration.ofSeconds(60))
                        .keepaliveTime(Duration.ZERO)
                        .build())
                .hasMessageContaining("at least 1000 ms below maxLifetime (60000 ms)");
        assertThat(PoolSettings.builder()
                        .minimumIdle(0)
                        .idleTimeout(Duration.ofSeconds(59))
                        .maxLifetime(Duration.ofSeconds(60))
                        .keepaliveTime(Duration.ZERO)
                        .build()
                        .idleTimeout())
                .isEqualTo(Duration.ofSeconds(59));
    }

    @Test
    void theIdleRuleOnlyAppliesWhereHikariAppliesIt() {
        // A fixed-size pool never retires idle connections, so HikariCP leaves the value alone; so do we.
        assertThat(PoolSettings.builder()
                        .maximumPoolSize(4)
                        .idleTimeout(Duration.ofMinutes(30))
                        .maxLifetime(Duration.ofMinutes(25))
                        .build()
                        .minimumIdle())
                .isEqualTo(4);
    }

    @Test
    void settingsAreValuesWithACopyPath() {
        PoolSettings a = PoolSettings.builder().maximumPoolSize(7).build();
        assertThat(a.toBuilder().build()).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(a.toBuilder().maximumPoolSize(8).build()).isNotEqualTo(a);
        assertThat(a.toString()).contains("maximumPoolSize=7");
    }
}
