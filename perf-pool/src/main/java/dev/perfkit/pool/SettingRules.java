package dev.perfkit.pool;

import java.time.Duration;

/**
 * The checks behind {@link PoolSettings}, one per rewrite in HikariCP 7.1.0's {@code HikariConfig.validate()}; each
 * failure names the parameter, its value, the other value it conflicts with and what is accepted.
 */
final class SettingRules {
    private static final Duration IDLE_MARGIN = Duration.ofSeconds(1);

    private SettingRules() {}

    static void check(PoolSettings s) {
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
        Duration life = s.maxLifetime();
        if (!life.isZero()) {
            // HikariCP: keepaliveTime >= maxLifetime disables keepalive.
            if (!s.keepaliveTime().isZero() && s.keepaliveTime().compareTo(life) >= 0) {
                throw conflict("keepaliveTime", s.keepaliveTime(), "below maxLifetime", life, "keepalive off");
            }
            // HikariCP: leakDetectionThreshold > maxLifetime disables leak detection.
            if (s.leakDetectionThreshold().compareTo(life) > 0) {
                throw conflict(
                        "leakDetectionThreshold",
                        s.leakDetectionThreshold(),
                        "at most maxLifetime",
                        life,
                        "leak detection off");
            }
            // HikariCP: idleTimeout + 1 s > maxLifetime (in a pool that may shrink) disables idle retirement.
            if (!s.idleTimeout().isZero()
                    && s.minimumIdle() < s.maximumPoolSize()
                    && s.idleTimeout().plus(IDLE_MARGIN).compareTo(life) > 0) {
                throw new IllegalArgumentException("idleTimeout must be 0 (off) or at least 1000 ms below maxLifetime ("
                        + life.toMillis() + " ms) when minimumIdle (" + s.minimumIdle()
                        + ") is below maximumPoolSize (" + s.maximumPoolSize() + "), but was "
                        + s.idleTimeout().toMillis() + " ms: HikariCP would turn idle retirement off");
            }
        }
    }

    private static IllegalArgumentException conflict(
            String name, Duration value, String rule, Duration maxLifetime, String effect) {
        return new IllegalArgumentException(name + " must be 0 (off) or " + rule + " (" + maxLifetime.toMillis()
                + " ms), but was " + value.toMillis() + " ms: HikariCP would turn " + effect);
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

    static void zeroOrAtLeast(String name, Duration value, Duration floor) {
        if (value.isNegative() || (!value.isZero() && value.compareTo(floor) < 0)) {
            throw new IllegalArgumentException(name + " must be 0 (off) or at least " + floor.toMillis()
                    + " ms (HikariCP's floor), but was " + value.toMillis() + " ms");
        }
    }
}
