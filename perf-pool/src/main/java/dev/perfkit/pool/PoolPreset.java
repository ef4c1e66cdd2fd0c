package dev.perfkit.pool;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Ready HikariCP configurations for common workloads, with the matching driver properties.
 *
 * <p>Each preset is a starting point: size the pool with {@link PoolSizing} and check the result with
 * {@link ConfigChecks}. Every preset keeps {@code maxLifetime} at 25 min or less, below common 30 min
 * firewall and proxy idle cuts.
 *
 * <pre>{@code
 * HikariConfig config = PoolPreset.WEB_OLTP.config(DatabaseKind.POSTGRESQL, "jdbc:postgresql://db:5432/app");
 * config.setUsername("app");
 * config.setPassword(secret);
 * try (HikariDataSource pool = new HikariDataSource(config)) { ... }
 * }</pre>
 */
public enum PoolPreset {
    /**
     * Web request handling: a fixed-size pool of 10 (the caller sizes it), 2 s connection wait so a request fails
     * fast instead of queueing behind its own deadline, leak detection at 20 s, statement caches on.
     */
    WEB_OLTP,
    /**
     * Batch jobs and reports: few connections (4), long waits (60 s), no leak detection (long transactions are
     * normal), batched inserts rewritten into multi-row statements and result sets fetched in chunks.
     */
    BATCH_REPORTING,
    /**
     * Latency-critical paths: fixed-size pool, 500 ms connection wait, 250 ms validation, statements prepared on
     * first use and a server-side {@code statement_timeout} of 1 s (PostgreSQL) so one slow query cannot pile up.
     */
    LATENCY_CRITICAL,
    /**
     * Short-lived processes (serverless functions, CLI jobs): at most 2 connections, none kept idle, idle ones
     * closed after 10 s, lifetime 60 s, no failure if the database is down at start-up.
     */
    SHORT_LIVED,
    /**
     * Behind PgBouncer (or ProxySQL) in transaction mode: server-side prepared statements off
     * ({@code prepareThreshold=0}), no session state (no init SQL, no startup options), autocommit on.
     */
    PGBOUNCER_TRANSACTION,
    /** A read replica: connections read-only (the driver sends {@code SET SESSION CHARACTERISTICS ... READ ONLY}). */
    READ_REPLICA;

    /** The pool settings of this preset, checked against HikariCP's floors. */
    public PoolSettings settings() {
        PoolSettingsBuilder b = PoolSettings.builder()
                .maxLifetime(Duration.ofMinutes(25))
                .keepaliveTime(Duration.ofMinutes(2))
                .validationTimeout(Duration.ofSeconds(1));
        return switch (this) {
            case WEB_OLTP ->
                b.maximumPoolSize(10)
                        .connectionTimeout(Duration.ofSeconds(2))
                        .leakDetectionThreshold(Duration.ofSeconds(20))
                        .build();
            case BATCH_REPORTING ->
                b.maximumPoolSize(4).connectionTimeout(Duration.ofSeconds(60)).build();
            case LATENCY_CRITICAL ->
                b.maximumPoolSize(10)
                        .connectionTimeout(Duration.ofMillis(500))
                        .validationTimeout(Duration.ofMillis(250))
                        .leakDetectionThreshold(Duration.ofSeconds(5))
                        .build();
            case SHORT_LIVED ->
                b.maximumPoolSize(2)
                        .minimumIdle(0)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .idleTimeout(Duration.ofSeconds(10))
                        .maxLifetime(Duration.ofSeconds(60))
                        .keepaliveTime(Duration.ZERO)
                        .build();
            case PGBOUNCER_TRANSACTION ->
                b.maximumPoolSize(10)
                        .connectionTimeout(Duration.ofSeconds(2))
                        .leakDetectionThreshold(Duration.ofSeconds(20))
                        .build();
            case READ_REPLICA ->
                b.maximumPoolSize(10).connectionTimeout(Duration.ofSeconds(2)).build();
        };
    }

    /** The JDBC driver properties this preset sets for {@code kind}. */
    public Map<String, String> driverProperties(DatabaseKind kind) {
        Objects.requireNonNull(kind, "kind");
        return DriverProperties.of(this, kind);
    }

    /**
     * A new configuration for {@code jdbcUrl}: settings, driver properties and pool flags of this preset.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when jdbcUrl does not start with {@code jdbc:}
     */
    public HikariConfig config(DatabaseKind kind, String jdbcUrl) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:, but was " + jdbcUrl);
        }
        HikariConfig config = settings().applyTo(new HikariConfig());
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName(
                "perfkit-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        driverProperties(kind).forEach(config::addDataSourceProperty);
        switch (this) {
            case BATCH_REPORTING -> config.setAutoCommit(false);
            case SHORT_LIVED -> config.setInitializationFailTimeout(-1);
            case READ_REPLICA -> config.setReadOnly(true);
            default -> {}
        }
        return config;
    }
}
