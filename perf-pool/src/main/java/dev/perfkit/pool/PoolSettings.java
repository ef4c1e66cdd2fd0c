package dev.perfkit.pool;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Validated HikariCP pool settings: sizes and timeouts checked against what HikariCP accepts before any pool starts.
 *
 * <p>HikariCP's {@code HikariConfig.validate()} (7.1.0) quietly replaces values it cannot use: an {@code idleTimeout}
 * of 5 s becomes 10 min, a {@code maxLifetime} of 10 s becomes 30 min, an {@code idleTimeout} that is not at least
 * 1 s below {@code maxLifetime} is turned off, a {@code keepaliveTime} not below {@code maxLifetime} or a
 * {@code leakDetectionThreshold} above it is turned off. {@link Builder#build()} refuses every such combination
 * instead, naming both values, so the pool that starts runs with exactly these settings.
 *
 * <pre>{@code
 * HikariConfig config = PoolSettings.builder()
 *     .maximumPoolSize(8).minimumIdle(2)
 *     .connectionTimeout(Duration.ofSeconds(2))
 *     .maxLifetime(Duration.ofMinutes(25))
 *     .build()
 *     .applyTo(new HikariConfig());
 * }</pre>
 */
public final class PoolSettings {
    /**
     * HikariCP's floor for connectionTimeout and validationTimeout: 250 ms, or the system property
     * {@code com.zaxxer.hikari.timeoutMs.floor} that HikariCP reads for the same purpose.
     */
    public static final Duration MIN_TIMEOUT =
            Duration.ofMillis(Long.getLong("com.zaxxer.hikari.timeoutMs.floor", 250L));
    /** HikariCP's floor for idleTimeout (0 aside). */
    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** HikariCP's floor for maxLifetime and keepaliveTime (0 aside). */
    public static final Duration MIN_LIFETIME = Duration.ofSeconds(30);
    /** HikariCP's floor for leakDetectionThreshold (0 aside). */
    public static final Duration MIN_LEAK_THRESHOLD = Duration.ofSeconds(2);

    private final int maximumPoolSize;
    private final int minimumIdle;
    private final Duration connectionTimeout;
    private final Duration validationTimeout;
    private final Duration idleTimeout;
    private final Duration maxLifetime;
    private final Duration keepaliveTime;
    private final Duration leakDetectionThreshold;

    private PoolSettings(Builder b, int idle) {
        maximumPoolSize = b.maximumPoolSize;
        minimumIdle = idle;
        connectionTimeout = b.connectionTimeout;
        validationTimeout = b.validationTimeout;
        idleTimeout = b.idleTimeout;
        maxLifetime = b.maxLifetime;
        keepaliveTime = b.keepaliveTime;
        leakDetectionThreshold = b.leakDetectionThreshold;
        SettingRules.check(this);
    }

    /** A builder starting from HikariCP's defaults (10 connections, 30 s wait, 10 min idle, 30 min lifetime). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maximumPoolSize = maximumPoolSize;
        b.minimumIdle = minimumIdle;
        b.connectionTimeout = connectionTimeout;
        b.validationTimeout = validationTimeout;
        b.idleTimeout = idleTimeout;
        b.maxLifetime = maxLifetime;
        b.keepaliveTime = keepaliveTime;
        b.leakDetectionThreshold = leakDetectionThreshold;
        return b;
    }

    /**
     * Reads the settings of an existing configuration and checks them, so that a hand-made configuration gets the
     * same refusals as one built here.
     *
     * @throws IllegalArgumentException naming the values and the accepted range when HikariCP would not use them
     * @throws NullPointerException when config is null
     */
    public static PoolSettings of(HikariConfig config) {
        Objects.requireNonNull(config, "config");
        Builder b = new Builder();
        b.maximumPoolSize = config.getMaximumPoolSize();
        b.minimumIdle = config.getMinimumIdle() < 0 ? config.getMaximumPoolSize() : config.getMinimumIdle();
        b.connectionTimeout = Duration.ofMillis(config.getConnectionTimeout());
        b.validationTimeout = Duration.ofMillis(config.getValidationTimeout());
        b.idleTimeout = Duration.ofMillis(config.getIdleTimeout());
        b.maxLifetime = Duration.ofMillis(config.getMaxLifetime());
        b.keepaliveTime = Duration.ofMillis(config.getKeepaliveTime());
        b.leakDetectionThreshold = Duration.ofMillis(config.getLeakDetectionThreshold());
        return b.build();
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

    /** The most connections, 1 to 10000. */
    public int maximumPoolSize() {
        return maximumPoolSize;
    }

    /** Idle connections kept ready, 0 to {@link #maximumPoolSize()}. */
    public int minimumIdle() {
        return minimumIdle;
    }

    /** How long a caller waits for a connection, at least {@link #MIN_TIMEOUT}. */
    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    /** How long a liveness check may take, at least {@link #MIN_TIMEOUT} and below connectionTimeout. */
    public Duration validationTimeout() {
        return validationTimeout;
    }

    /** How long a surplus idle connection lives: 0 (never retired) or at least 10 s, 1 s or more below maxLifetime. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** The most a connection lives: 0 (forever) or at least 30 s. */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /** How often an idle connection is pinged: 0 (off) or at least 30 s and below maxLifetime. */
    public Duration keepaliveTime() {
        return keepaliveTime;
    }

    /** Hold time that logs a possible leak: 0 (off) or at least 2 s and at most maxLifetime. */
    public Duration leakDetectionThreshold() {
        return leakDetectionThreshold;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PoolSettings p
                && maximumPoolSize == p.maximumPoolSize
                && minimumIdle == p.minimumIdle
                && connectionTimeout.equals(p.connectionTimeout)
                && validationTimeout.equals(p.validationTimeout)
                && idleTimeout.equals(p.idleTimeout)
                && maxLifetime.equals(p.maxLifetime)
                && keepaliveTime.equals(p.keepaliveTime)
                && leakDetectionThreshold.equals(p.leakDetectionThreshold);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                maximumPoolSize,
                minimumIdle,
                connectionTimeout,
                validationTimeout,
                idleTimeout,
                maxLifetime,
                keepaliveTime,
                leakDetectionThreshold);
    }

    @Override
    public String toString() {
        return "PoolSettings[maximumPoolSize=" + maximumPoolSize + ", minimumIdle=" + minimumIdle
                + ", connectionTimeout=" + connectionTimeout + ", validationTimeout=" + validationTimeout
                + ", idleTimeout=" + idleTimeout + ", maxLifetime=" + maxLifetime + ", keepaliveTime=" + keepaliveTime
                + ", leakDetectionThreshold=" + leakDetectionThreshold + "]";
    }

    /** Builds {@link PoolSettings}; each setter checks its own value at once, {@link #build()} checks how they relate. */
    public static final class Builder {
        private int maximumPoolSize = 10;
        private int minimumIdle = -1;
        private Duration connectionTimeout = Duration.ofSeconds(30);
        private Duration validationTimeout = Duration.ofSeconds(5);
        private Duration idleTimeout = Duration.ofMinutes(10);
        private Duration maxLifetime = Duration.ofMinutes(30);
        private Duration keepaliveTime = Duration.ofMinutes(2);
        private Duration leakDetectionThreshold = Duration.ZERO;

        private Builder() {}

        /** @throws IllegalArgumentException unless 1 to 10000 */
        public Builder maximumPoolSize(int size) {
            this.maximumPoolSize = SettingRules.poolSize(size);
            return this;
        }

        /**
         * Idle connections kept; defaults to maximumPoolSize (a fixed-size pool, as HikariCP advises).
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder minimumIdle(int idle) {
            if (idle < 0) {
                throw new IllegalArgumentException(
                        "minimumIdle must be between 0 and maximumPoolSize, but was " + idle);
            }
            this.minimumIdle = idle;
            return this;
        }

        /** @throws IllegalArgumentException below {@link #MIN_TIMEOUT} */
        public Builder connectionTimeout(Duration timeout) {
            SettingRules.atLeast(
                    "connectionTimeout", Objects.requireNonNull(timeout, "connectionTimeout"), MIN_TIMEOUT);
            this.connectionTimeout = timeout;
            return this;
        }

        /** @throws IllegalArgumentException below {@link #MIN_TIMEOUT} */
        public Builder validationTimeout(Duration timeout) {
            SettingRules.atLeast(
                    "validationTimeout", Objects.requireNonNull(timeout, "validationTimeout"), MIN_TIMEOUT);
            this.validationTimeout = timeout;
            return this;
        }

        /** @throws IllegalArgumentException unless 0 or at least 10 s; {@link #build()} checks it against maxLifetime */
        public Builder idleTimeout(Duration timeout) {
            SettingRules.zeroOrAtLeast("idleTimeout", Objects.requireNonNull(timeout, "idleTimeout"), MIN_IDLE_TIMEOUT);
            this.idleTimeout = timeout;
            return this;
        }

        /** @throws IllegalArgumentException unless 0 or at least 30 s */
        public Builder maxLifetime(Duration lifetime) {
            SettingRules.zeroOrAtLeast("maxLifetime", Objects.requireNonNull(lifetime, "maxLifetime"), MIN_LIFETIME);
            this.maxLifetime = lifetime;
            return this;
        }

        /** @throws IllegalArgumentException unless 0 or at least 30 s; {@link #build()} checks it against maxLifetime */
        public Builder keepaliveTime(Duration keepalive) {
            SettingRules.zeroOrAtLeast(
                    "keepaliveTime", Objects.requireNonNull(keepalive, "keepaliveTime"), MIN_LIFETIME);
            this.keepaliveTime = keepalive;
            return this;
        }

        /** @throws IllegalArgumentException unless 0 or at least 2 s; {@link #build()} checks it against maxLifetime */
        public Builder leakDetectionThreshold(Duration threshold) {
            SettingRules.zeroOrAtLeast(
                    "leakDetectionThreshold",
                    Objects.requireNonNull(threshold, "leakDetectionThreshold"),
                    MIN_LEAK_THRESHOLD);
            this.leakDetectionThreshold = threshold;
            return this;
        }

        /**
         * The checked settings.
         *
         * @throws IllegalArgumentException naming the values and the accepted range when HikariCP would replace one
         */
        public PoolSettings build() {
            return new PoolSettings(this, minimumIdle < 0 ? maximumPoolSize : minimumIdle);
        }
    }
}
