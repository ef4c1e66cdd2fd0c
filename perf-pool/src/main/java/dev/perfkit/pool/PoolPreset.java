package dev.perfkit.pool;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Ready HikariCP configurations for common workloads, with the matching driver properties.
 *
 * <p>Each preset is a starting point: size the pool with {@link PoolSizing} and check the result with
 * {@link ConfigChecks}. Every preset keeps {@code maxLifetime} at 25 min or less, below common 30 min
 * firewall and proxy idle cuts. The pool is named {@code perfkit-<preset>} (for example {@code perfkit-web-oltp}),
 * and on PostgreSQL the connections carry the same name as {@code ApplicationName}, so {@code pg_stat_activity}
 * and HikariCP's logs and meters use one spelling. Driver properties are set only where they change the driver's
 * default.
 *
 * {@snippet class=dev.perfkit.pool.snippets.PoolPresetSnippets region=basic}
 *
 * <p>Sizing it and checking it against the live database:
 *
 * {@snippet class=dev.perfkit.pool.snippets.PoolPresetSnippets region=sizeAndCheck}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public enum PoolPreset {
    /**
     * Web request handling: a fixed-size pool of 10 (the caller sizes it), 2 s connection wait so a request fails
     * fast instead of queueing behind its own deadline, leak detection at 20 s, a 30 s socket timeout and TCP
     * keepalive on PostgreSQL; server-side prepared statements and their caches on MySQL and MariaDB.
     */
    WEB_OLTP,
    /**
     * Batch jobs and reports: few connections (4), long waits (60 s), no leak detection (long transactions are
     * normal), batched statements sent as one round trip and result sets fetched in chunks.
     *
     * <p>On MariaDB this sets {@code useBulkStmts=true}, which sends UPDATE and DELETE batches with the bulk
     * protocol too (Connector/J 3.5 already does so for INSERT): {@code executeBatch()} then returns
     * {@link java.sql.Statement#SUCCESS_NO_INFO} for each statement of such a batch instead of its update count.
     * Code that checks per-row counts of a batch must not use this preset on MariaDB, or must set
     * {@code useBulkStmts=false}. On PostgreSQL {@code reWriteBatchedInserts=true} rewrites INSERT batches into
     * multi-row statements; their update counts are reported as {@code SUCCESS_NO_INFO} as well.
     */
    BATCH_REPORTING,
    /**
     * Latency-critical paths: fixed-size pool, 500 ms connection wait, statements prepared on first use and a
     * server-side {@code statement_timeout} of 1 s (PostgreSQL) so one slow query cannot pile up.
     *
     * <p>validationTimeout is 250 ms, HikariCP's floor, on purpose: it is half the 500 ms connection wait, so a
     * caller who draws a dead connection (HikariCP tests a connection idle for more than 500 ms before lending it)
     * still has time to get another one; a liveness check on a healthy connection takes well under a millisecond
     * on a LAN. A larger value would let one dead connection use up the caller's whole wait.
     */
    LATENCY_CRITICAL,
    /**
     * Short-lived processes (serverless functions, CLI jobs): at most 2 connections, none kept idle, lifetime 60 s,
     * no failure if the database is down at start-up. An unused connection is closed 10 to 40 s after its last use:
     * idleTimeout is 10 s, and HikariCP's housekeeper, which retires idle connections, runs every 30 s.
     */
    SHORT_LIVED,
    /**
     * Behind PgBouncer (or ProxySQL) in transaction mode: server-side prepared statements off
     * ({@code prepareThreshold=0} on PostgreSQL; MySQL's and MariaDB's drivers prepare on the client by default),
     * no session state (no init SQL, no startup options), autocommit on.
     */
    PGBOUNCER_TRANSACTION,
    /** A read replica: connections read-only (the driver sends {@code SET SESSION CHARACTERISTICS ... READ ONLY}). */
    READ_REPLICA;

    /** The pool settings of this preset, checked against HikariCP's floors. */
    public PoolSettings settings() {
        PoolSettings.Builder b = PoolSettings.builder()
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
     * The name of this preset's pools, also its connections' {@code ApplicationName} on PostgreSQL: {@code perfkit-}
     * and the preset's name in lower case with hyphens, e.g. {@code perfkit-web-oltp}.
     */
    public String poolName() {
        return "perfkit-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * A new configuration for {@code jdbcUrl}: settings, driver properties and pool flags of this preset.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when jdbcUrl is not a URL of {@code kind}'s driver, naming both
     */
    public HikariConfig config(DatabaseKind kind, String jdbcUrl) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        kind.checkUrl(jdbcUrl);
        HikariConfig config = settings().applyTo(new HikariConfig());
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName(poolName());
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
