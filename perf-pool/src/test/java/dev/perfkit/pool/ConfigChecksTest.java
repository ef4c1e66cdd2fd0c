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
    void keepaliveAndLeakDetectionOffAreWarnings() {
        HikariConfig config = new HikariConfig();
        config.setKeepaliveTime(0);
        List<Finding> findings = ConfigChecks.check(config, CheckContext.EMPTY);
        assertThat(findings).extracting(Finding::code).containsExactlyInAnyOrder("keepalive-off", "leak-detection-off");
        assertThat(findings)
                .allMatch(f -> f.severity() == Severity.WARNING && !f.fix().isEmpty());
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
    void aNetworkIdleCutShorterThanMaxLifetimeIsAnErrorUnlessKeepaliveCoversIt() {
        HikariConfig config = good();
        config.setKeepaliveTime(0);
        CheckContext nat = CheckContext.builder()
                .networkIdleTimeout(Duration.ofSeconds(350))
                .build();
        List<Finding> findings = ConfigChecks.check(config, nat);
        assertThat(findings).extracting(Finding::code).contains("tcp-keepalive-vs-network-idle");
        assertThat(findings.get(0).code()).isEqualTo("maxLifetime-vs-network-idle");
        assertThat(findings.get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(findings.get(0).fix()).contains("320000 ms");
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
                .serverTimeouts(new ServerTimeouts(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(60)))
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
                .databaseLimits(new DatabaseLimits(100, 3, Map.of("api", 20, "other", 7)), "api")
                .build();
        List<Finding> findings = ConfigChecks.check(good(), context);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("pool-above-max-connections");
            assertThat(f.problem()).contains("10 x 12 instances = 120 connections, but the database accepts 90");
            assertThat(f.fix()).contains("at most 7");
        });
    }
}
