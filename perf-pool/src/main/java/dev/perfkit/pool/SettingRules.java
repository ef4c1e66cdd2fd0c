package dev.perfkit.pool;

import java.time.Duration;
import java.util.Objects;

/** The range checks behind {@link PoolSettings}; each failure names the parameter, value and accepted range. */
final class SettingRules {
    private SettingRules() {}

    static void check(
            int maximumPoolSize,
            int minimumIdle,
            Duration connectionTimeout,
            Duration validationTimeout,
            Duration idleTimeout,
            Duration maxLifetime,
            Duration keepaliveTime,
            Duration leakDetectionThreshold) {
        // The compact constructor has not assigned its fields yet, so the values come as arguments.
        check(new Values(
                maximumPoolSize,
                minimumIdle,
                connectionTimeout,
                validationTimeout,
                idleTimeout,
                maxLifetime,
                keepaliveTime,
                leakDetectionThreshold));
    }

    private record Values(
            int maximumPoolSize,
            int minimumIdle,
            Duration connectionTimeout,
            Duration validationTimeout,
            Duration idleTimeout,
            Duration maxLifetime,
            Duration keepaliveTime,
            Duration leakDetectionThreshold) {}

    private static void check(Values s) {
        Objects.requireNonNull(s.connectionTimeout(), "connectionTimeout");
        Objects.requireNonNull(s.validationTimeout(), "validationTimeout");
        Objects.requireNonNull(s.idleTimeout(), "idleTimeout");
        Objects.requireNonNull(s.maxLifetime(), "maxLifetime");
        Objects.requireNonNull(s.keepaliveTime(), "keepaliveTime");
        Objects.requireNonNull(s.leakDetectionThreshold(), "leakDetectionThreshold");
        poolSize(s.maximumPoolSize());
        if (s.minimumIdle() < 0 || s.minimumIdle() > s.maximumPoolSize()) {
            throw new IllegalArgumentException("minimumIdle must be between 0 and maximumPoolSize ("
                    + s.maximumPoolSize() + "), but was " + s.minimumIdle());
        }
        atLeast("connectionTimeout", s.connectionTimeout(), PoolSettings.MIN_TIMEOUT);
        atLeast("validationTimeout", s.validationTimeout(), PoolSettings.MIN_TIMEOUT);
        if (s.validationTimeout().compareTo(s.connectionTimeout()) >= 0) {
            throw new IllegalArgumentException("validationTimeout must be below connectionTimeout ("
                    + s.connectionTimeout().toMillis() + " ms), but was "
                    + s.validationTimeout().toMillis() + " ms");
        }
        zeroOrAtLeast("idleTimeout", s.idleTimeout(), PoolSettings.MIN_IDLE_TIMEOUT);
        zeroOrAtLeast("maxLifetime", s.maxLifetime(), PoolSettings.MIN_LIFETIME);
        zeroOrAtLeast("keepaliveTime", s.keepaliveTime(), PoolSettings.MIN_LIFETIME);
        zeroOrAtLeast("leakDetectionThreshold", s.leakDetectionThreshold(), PoolSettings.MIN_LEAK_THRESHOLD);
        belowLifetime("keepaliveTime", s.keepaliveTime(), s.maxLifetime());
        belowLifetime("leakDetectionThreshold", s.leakDetectionThreshold(), s.maxLifetime());
    }

    static int poolSize(int size) {
        if (size < 1 || size > 10_000) {
            throw new IllegalArgumentException("maximumPoolSize must be between 1 and 10000, but was " + size);
        }
        return size;
    }

    static void atLeast(String name, Duration value, Duration floor) {
        if (value.compareTo(floor) < 0) {
            throw new IllegalArgumentException(name + " must be at least " + floor.toMillis()
                    + " ms (HikariCP's floor), but was " + value.toMillis() + " ms");
        }
    }

    private static void zeroOrAtLeast(String name, Duration value, Duration floor) {
        if (!value.isZero() && value.compareTo(floor) < 0) {
            throw new IllegalArgumentException(name + " must be 0 (off) or at least " + floor.toMillis()
                    + " ms (HikariCP's floor), but was " + value.toMillis() + " ms");
        }
    }

    private static void belowLifetime(String name, Duration value, Duration maxLifetime) {
        if (!value.isZero() && !maxLifetime.isZero() && value.compareTo(maxLifetime) >= 0) {
            throw new IllegalArgumentException(name + " must be 0 (off) or below maxLifetime (" + maxLifetime.toMillis()
                    + " ms), but was " + value.toMillis() + " ms");
        }
    }
}
