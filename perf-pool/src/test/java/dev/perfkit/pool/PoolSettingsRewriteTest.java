package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * HikariCP's own {@code HikariConfig.validate()} (the pinned version) is the oracle: every combination PoolSettings
 * accepts comes through validate() unchanged, and every one validate() would rewrite is refused.
 */
class PoolSettingsRewriteTest {
    private static final List<Long> TIMES = List.of(
            0L,
            1_000L,
            2_000L,
            5_000L,
            9_999L,
            10_000L,
            29_999L,
            30_000L,
            59_000L,
            60_000L,
            61_000L,
            120_000L,
            600_000L,
            1_500_000L,
            1_800_000L);

    @Test
    void everyAcceptedCombinationSurvivesHikarisValidationUnchanged() {
        SplittableRandom random = new SplittableRandom(13);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            int max = 1 + random.nextInt(12);
            int min = random.nextInt(max + 1);
            long idle = pick(random);
            long life = pick(random);
            long keepalive = pick(random);
            long leak = pick(random);
            long connection = 250 + random.nextInt(3) * 1000L;
            long validation = 250 + random.nextInt(2) * 500L;
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl("jdbc:postgresql://127.0.0.1/none");
            config.setMaximumPoolSize(max);
            config.setMinimumIdle(min);
            config.setIdleTimeout(idle);
            config.setMaxLifetime(life);
            config.setKeepaliveTime(keepalive);
            config.setLeakDetectionThreshold(leak);
            config.setConnectionTimeout(connection);
            config.setValidationTimeout(validation);
            PoolSettings settings;
            try {
                settings = PoolSettings.of(config);
            } catch (IllegalArgumentException e) {
                refused++;
                continue;
            }
            accepted++;
            config.validate();
            String values = config.getMaximumPoolSize() + "/" + config.getMinimumIdle() + " idle " + idle + " life "
                    + life + " keepalive " + keepalive + " leak " + leak;
            assertThat(PoolSettings.of(config)).as(values).isEqualTo(settings);
            assertThat(config.getIdleTimeout()).as(values).isEqualTo(idle);
            assertThat(config.getMaxLifetime()).as(values).isEqualTo(life);
            assertThat(config.getKeepaliveTime()).as(values).isEqualTo(keepalive);
            assertThat(config.getLeakDetectionThreshold()).as(values).isEqualTo(leak);
        }
        assertThat(accepted).as("the generator reaches both sides").isGreaterThan(1_000);
        assertThat(refused).isGreaterThan(1_000);
    }

    @Test
    void presetsSurviveHikarisValidationUnchanged() {
        for (PoolPreset preset : PoolPreset.values()) {
            HikariConfig config = preset.config(DatabaseKind.POSTGRESQL, "jdbc:postgresql://127.0.0.1/none");
            config.validate();
            assertThat(PoolSettings.of(config)).as(preset.name()).isEqualTo(preset.settings());
        }
    }

    private static long pick(SplittableRandom random) {
        return TIMES.get(random.nextInt(TIMES.size()));
    }

    @Test
    void theTimeoutFloorFollowsHikarisSystemProperty() {
        assertThat(PoolSettings.MIN_TIMEOUT)
                .isEqualTo(Duration.ofMillis(Long.getLong("com.zaxxer.hikari.timeoutMs.floor", 250L)));
    }
}
