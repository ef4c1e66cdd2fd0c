package dev.perfkit.pool;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Validated HikariCP pool settings: sizes and timeouts checked against HikariCP's floors before any pool starts.
 *
 * <p>HikariCP quietly replaces some impossible values (an {@code idleTimeout} of 5 s becomes 10 min, a
 * {@code maxLifetime} of 10 s becomes 30 min, a too-small {@code leakDetectionThreshold} turns leak detection
 * off). This builder refuses them instead, naming the value and the accepted range.
 *
 * <pre>{@code
 * HikariConfig config = PoolSettings.builder()
 *     .maximumPoolSize(8).minimumIdle(2)
 *     .connectionTimeout(Duration.ofSeconds(2))
 *     .maxLifetime(Duration.ofMinutes(25))
 *     .build()
 *     .applyTo(new HikariConfig());
 * }</pre>
 *
 * @param maximumPoolSize the most connections, at least 1
 * @param minimumIdle idle connections kept ready, 0 to {@code maximumPoolSize}
 * @param connectionTimeout how long a caller waits for a connection, at least 250 ms
 * @param validationTimeout how long a liveness check may take, at least 250 ms and below connectionTimeout
 * @param idleTimeout how long a surplus idle connection lives, 0 (never retire) or at least 10 s
 * @param maxLifetime the most a connection lives, 0 (forever) or at least 30 s
 * @param keepaliveTime how often an idle connection is pinged, 0 (off) or at least 30 s and below maxLifetime
 * @param leakDetectionThreshold hold time that logs a possible leak, 0 (off) or at least 2 s and below maxLifetime
 */
public record PoolSettings(
        int maximumPoolSize,
        int minimumIdle,
        Duration connectionTimeout,
        Duration validationTimeout,
        Duration idleTimeout,
        Duration maxLifetime,
        Duration keepaliveTime,
        Duration leakDetectionThreshold) {

    /** HikariCP's floor for connectionTimeout and validationTimeout. */
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(250);
    /** HikariCP's floor for idleTimeout (0 aside). */
    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** HikariCP's floor for maxLifetime and keepaliveTime (0 aside). */
    public static final Duration MIN_LIFETIME = Duration.ofSeconds(30);
    /** HikariCP's floor for leakDetectionThreshold (0 aside). */
    public static final Duration MIN_LEAK_THRESHOLD = Duration.ofSeconds(2);

    /**
     * Checks every value.
     *
     * @throws IllegalArgumentException naming the value and the accepted range when one is impossible
     * @throws NullPointerException when a duration is null
     */
    public PoolSettings {
        SettingRules.check(
                maximumPoolSize,
                minimumIdle,
                connectionTimeout,
                validationTimeout,
                idleTimeout,
                maxLifetime,
                keepaliveTime,
                leakDetectionThreshold);
    }

    /** A builder starting from HikariCP's defaults (10 connections, 30 s wait, 10 min idle, 30 min lifetime). */
    public static PoolSettingsBuilder builder() {
        return new PoolSettingsBuilder();
    }

    /** A builder holding these settings, to derive a variant. */
    public PoolSettingsBuilder toBuilder() {
        return new PoolSettingsBuilder(this);
    }

    /**
     * Reads the settings of an existing configuration and checks them.
     *
     * @throws IllegalArgumentException naming the value and the accepted range when one is impossible
     */
    public static PoolSettings of(HikariConfig config) {
        Objects.requireNonNull(config, "config");
        int min = config.getMinimumIdle() < 0 ? config.getMaximumPoolSize() : config.getMinimumIdle();
        return new PoolSettings(
                config.getMaximumPoolSize(),
                min,
                Duration.ofMillis(config.getConnectionTimeout()),
                Duration.ofMillis(config.getValidationTimeout()),
                Duration.ofMillis(config.getIdleTimeout()),
                Duration.ofMillis(config.getMaxLifetime()),
                Duration.ofMillis(config.getKeepaliveTime()),
                Duration.ofMillis(config.getLeakDetectionThreshold()));
    }

    /**
     * Writes these settings into {@code config} and returns it.
     *
     * @throws NullPointerException when config is null
     */
    public HikariConfig applyTo(HikariConfig config) {
        Objects.requireNonNull(config, "config");
        config.setMaximumPoolSize(maximumPoolSize);
        config.setMinimumIdle(minimumIdle);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setValidationTimeout(validationTimeout.toMillis());
        config.setIdleTimeout(idleTimeout.toMillis());
        config.setMaxLifetime(maxLifetime.toMillis());
        config.setKeepaliveTime(keepaliveTime.toMillis());
        config.setLeakDetectionThreshold(leakDetectionThreshold.toMillis());
        return config;
    }
}
