package dev.perfkit.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * Builds {@link PoolSettings}; each setter checks its own value at once, {@link #build()} checks how they relate.
 *
 * <pre>{@code
 * PoolSettings settings = PoolSettings.builder().maximumPoolSize(8).minimumIdle(8).build();
 * }</pre>
 */
public final class PoolSettingsBuilder {
    private int maximumPoolSize = 10;
    private int minimumIdle = -1;
    private Duration connectionTimeout = Duration.ofSeconds(30);
    private Duration validationTimeout = Duration.ofSeconds(5);
    private Duration idleTimeout = Duration.ofMinutes(10);
    private Duration maxLifetime = Duration.ofMinutes(30);
    private Duration keepaliveTime = Duration.ofMinutes(2);
    private Duration leakDetectionThreshold = Duration.ZERO;

    PoolSettingsBuilder() {}

    PoolSettingsBuilder(PoolSettings from) {
        maximumPoolSize = from.maximumPoolSize();
        minimumIdle = from.minimumIdle();
        connectionTimeout = from.connectionTimeout();
        validationTimeout = from.validationTimeout();
        idleTimeout = from.idleTimeout();
        maxLifetime = from.maxLifetime();
        keepaliveTime = from.keepaliveTime();
        leakDetectionThreshold = from.leakDetectionThreshold();
    }

    /** @throws IllegalArgumentException unless 1 to 10000 */
    public PoolSettingsBuilder maximumPoolSize(int size) {
        this.maximumPoolSize = SettingRules.poolSize(size);
        return this;
    }

    /** Idle connections kept; defaults to maximumPoolSize (a fixed-size pool, as HikariCP advises).
     * @throws IllegalArgumentException when negative */
    public PoolSettingsBuilder minimumIdle(int idle) {
        if (idle < 0) {
            throw new IllegalArgumentException("minimumIdle must be between 0 and maximumPoolSize, but was " + idle);
        }
        this.minimumIdle = idle;
        return this;
    }

    /** @throws IllegalArgumentException below 250 ms */
    public PoolSettingsBuilder connectionTimeout(Duration timeout) {
        SettingRules.atLeast(
                "connectionTimeout", Objects.requireNonNull(timeout, "connectionTimeout"), PoolSettings.MIN_TIMEOUT);
        this.connectionTimeout = timeout;
        return this;
    }

    /** @throws IllegalArgumentException below 250 ms */
    public PoolSettingsBuilder validationTimeout(Duration timeout) {
        SettingRules.atLeast(
                "validationTimeout", Objects.requireNonNull(timeout, "validationTimeout"), PoolSettings.MIN_TIMEOUT);
        this.validationTimeout = timeout;
        return this;
    }

    /** Checked by {@link #build()}: 0 or at least 10 s. */
    public PoolSettingsBuilder idleTimeout(Duration timeout) {
        this.idleTimeout = Objects.requireNonNull(timeout, "idleTimeout");
        return this;
    }

    /** Checked by {@link #build()}: 0 or at least 30 s. */
    public PoolSettingsBuilder maxLifetime(Duration lifetime) {
        this.maxLifetime = Objects.requireNonNull(lifetime, "maxLifetime");
        return this;
    }

    /** Checked by {@link #build()}: 0 or at least 30 s, below maxLifetime. */
    public PoolSettingsBuilder keepaliveTime(Duration keepalive) {
        this.keepaliveTime = Objects.requireNonNull(keepalive, "keepaliveTime");
        return this;
    }

    /** Checked by {@link #build()}: 0 or at least 2 s, below maxLifetime. */
    public PoolSettingsBuilder leakDetectionThreshold(Duration threshold) {
        this.leakDetectionThreshold = Objects.requireNonNull(threshold, "leakDetectionThreshold");
        return this;
    }

    /**
     * The checked settings.
     *
     * @throws IllegalArgumentException naming the value and the accepted range when one is impossible
     */
    public PoolSettings build() {
        int idle = minimumIdle < 0 ? maximumPoolSize : minimumIdle;
        return new PoolSettings(
                maximumPoolSize,
                idle,
                connectionTimeout,
                validationTimeout,
                idleTimeout,
                maxLifetime,
                keepaliveTime,
                leakDetectionThreshold);
    }
}
