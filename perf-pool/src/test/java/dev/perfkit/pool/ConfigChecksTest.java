package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigChecksTest {

    private static List<String> codes(HikariConfig config, CheckContext context) {
        return ConfigChecks.check(config, context).stream().map(Finding::code).toList();
    }

    private static HikariConfig good() {
        return PoolPreset.WEB_OLTP.config(DatabaseKind.POSTGRESQL, "jdbc:postgresql://h/db");
    }

    @Test
    void aPresetPassesWithNothingElseKnown() {
        assertThat(ConfigChecks.check(good(), CheckContext.EMPTY)).isEmpty();
    }

    @Test
    void keepaliveAndLeakDetectionOffAreInfoBecauseNothingFailsOrWaits() {
        HikariConfig config = new HikariConfig();
        config.setKeepaliveTime(0);
        List<Finding> findings = ConfigChecks.check(config, CheckContext.EMPTY);
        assertThat(findings).extracting(Finding::code).containsExactlyInAnyOrder("keepalive-off", "leak-detection-off");
        assertThat(findings)
                .allMatch(f -> f.severity() == Severity.INFO && !f.fix().isEmpty());
    }

    @Test
    void leakDetectionAboveMaxLifetimeIsAnError() {
        HikariConfig config = good();
        config.setMaxLifetime(60_000);
        config.setKeepaliveTime(30_000);
        config.setLeakDetectionThreshold(120_000);
        assertThat(ConfigChecks.check(config, CheckContext.EMPTY).get(0))
                .satisfies(f -> assertThat(f.code()).isEqualTo("leak-detection-above-lifetime"))
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
    }

    @Test
    void keepaliveNotBelowMaxLifetimeIsAnError() {
        HikariConfig config = good();
        config.setMaxLifetime(60_000);
        config.setLeakDetectionThreshold(10_000);
        config.setKeepaliveTime(60_000);
        assertThat(codes(config, CheckContext.EMPTY)).containsExactly("keepalive-above-lifetime");
    }

    @Test
    void aNetworkIdleCutShorterThanMaxLifetimeIsAWarningNamingTheValidationWaitUnlessKeepaliveCoversIt() {
        HikariConfig config = good();
        config.setKeepaliveTime(0);
        CheckContext nat = CheckContext.builder()
                .networkIdleTimeout(Duration.ofSeconds(350))
                .build();
        List<Finding> findings = ConfigChecks.check(config, nat);
        assertThat(findings).extracting(Finding::code).contains("tcp-keepalive-vs-network-idle");
        Finding cut = findings.stream()
                .filter(f -> f.code().equals("maxLifetime-vs-network-idle"))
                .findFirst()
                .orElseThrow();
        assertThat(cut.severity()).isEqualTo(Severity.WARNING);
        assertThat(cut.problem()).contains("validationTimeout (1000 ms)").doesNotContain("dead connections");
        assertThat(cut.fix()).contains("320000 ms");
        assertThat(findings).noneMatch(f -> f.severity() == Severity.ERROR);
        config.setKeepaliveTime(120_000);
        assertThat(ConfigChecks.check(config, nat))
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    void serverTcpKeepalivesBelowTheNetworkCutSatisfyTheKeepaliveCheck() {
        HikariConfig config = good();
        config.setKeepaliveTime(0);
        config.setMaxLifetime(300_000);
        CheckContext context = CheckContext.builder()
                .networkIdleTimeout(Duration.ofSeconds(350))
                .serverTimeouts(ServerTimeouts.of(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(60)))
                .build();
        assertThat(codes(config, context)).containsExactly("keepalive-off");
        context = CheckContext.builder()
                .networkIdleTimeout(Duration.ofSeconds(350))
                .build();
        assertThat(codes(config, context)).contains("tcp-keepalive-vs-network-idle");
    }

    @Test
    void connectionTimeoutAboveTheRequestDeadlineIsAWarning() {
        HikariConfig config = good();
        config.setConnectionTimeout(30_000);
        List<Finding> findings = ConfigChecks.check(
                config,
                CheckContext.builder().requestDeadline(Duration.ofSeconds(3)).build());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("connection-timeout-above-deadline");
            assertThat(f.fix()).contains("1500 ms");
        });
    }

    @Test
    void poolTimesInstancesAboveTheDatabaseLimitIsAnError() {
        CheckContext context = CheckContext.builder()
                .applicationInstances(12)
                .databaseLimits(DatabaseLimits.of(100, 3, Map.of("api", 20, "other", 7)), "api")
                .build();
        List<Finding> findings = ConfigChecks.check(good(), context);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("pool-above-max-connections");
            assertThat(f.problem()).contains("10 x 12 instances = 120 connections, but the database accepts 90");
            assertThat(f.fix()).contains("at most 7");
        });
    }

    @Test
    void settingsHikariSilentlyTurnsOffAreErrors() {
        HikariConfig config = good();
        config.setMinimumIdle(2);
        config.setIdleTimeout(1_800_000);
        config.setMaxLifetime(1_500_000);
        assertThat(ConfigChecks.check(config, CheckContext.EMPTY))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.code()).isEqualTo("idle-timeout-above-lifetime");
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.problem()).contains("1800000 ms").contains("1500000 ms");
                });
        config.setMaxLifetime(60_000);
        config.setIdleTimeout(30_000);
        config.setKeepaliveTime(30_000);
        config.setLeakDetectionThreshold(60_000);
        assertThat(ConfigChecks.check(config, CheckContext.EMPTY))
                .as("leak == maxLifetime is kept by HikariCP")
                .isEmpty();
    }

    @Test
    void anIdleCutTooShortForAnyLifetimeSaysSo() {
        HikariConfig config = good();
        config.setKeepaliveTime(0);
        CheckContext context = CheckContext.builder()
                .serverTimeouts(ServerTimeouts.of(Duration.ofSeconds(20), Duration.ZERO, Duration.ZERO))
                .build();
        Finding f = ConfigChecks.check(config, context).get(0);
        assertThat(f.code()).isEqualTo("maxLifetime-vs-idle-session");
        assertThat(f.fix()).contains("raise it to at least 60000 ms");
    }

    @Test
    void ownConnectionsBeyondWhatThePoolsCanHoldBelongToSomeoneElse() {
        // 40 connections named like the pool, but 2 instances x 10 can hold only 20 of them.
        CheckContext context = CheckContext.builder()
                .applicationInstances(2)
                .databaseLimits(
                        DatabaseLimits.of(40, 3, Map.of("PostgreSQL JDBC Driver", 40)), "PostgreSQL JDBC Driver")
                .build();
        assertThat(ConfigChecks.check(good(), context)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("pool-above-max-connections");
            assertThat(f.problem()).contains("accepts 17 more");
        });
    }

    @Test
    void badContextValuesAreRefusedNamingThem() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ServerTimeouts.of(Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("idleSession")
                .hasMessageContaining("PT-1S");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DatabaseLimits.of(10, 11, Map.of()))
                .hasMessageContaining("reservedConnections must be between 0 and 10, but was 11");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> CheckContext.builder().applicationInstances(0))
                .hasMessageContaining("applicationInstances must be between 1 and 100000, but was 0");
    }
}
