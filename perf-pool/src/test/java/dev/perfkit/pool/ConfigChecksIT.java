package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.testsupport.Postgres;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigChecksIT {

    @Test
    void idleSessionTimeoutOfTheDatabaseIsReadLiveAndCaughtAgainstMaxLifetime() throws SQLException {
        try (TestDatabase db = Postgres.shared().createDatabase("checks_idle")) {
            db.execute("ALTER DATABASE " + db.name() + " SET idle_session_timeout = '60s'");
            HikariConfig config = Pools.preset(PoolPreset.WEB_OLTP, db);
            config.setKeepaliveTime(0);
            assertThat(ServerTimeouts.read(db.dataSource()).idleSession()).isEqualTo(Duration.ofSeconds(60));
            List<Finding> findings = ConfigChecks.checkLive(config, db.dataSource(), CheckContext.EMPTY);
            assertThat(findings.get(0).code()).isEqualTo("maxLifetime-vs-idle-session");
            assertThat(findings.get(0).severity()).isEqualTo(Severity.WARNING);
            assertThat(findings.get(0).problem()).contains("60000 ms").doesNotContain("dead connections");
            config.setMaxLifetime(30_000);
            assertThat(ConfigChecks.checkLive(config, db.dataSource(), CheckContext.EMPTY))
                    .extracting(Finding::code)
                    .doesNotContain("maxLifetime-vs-idle-session");
        }
    }

    @Test
    void idleInTransactionTimeoutBelowLeakDetectionIsReported() throws SQLException {
        try (TestDatabase db = Postgres.shared().createDatabase("checks_tx")) {
            db.execute("ALTER DATABASE " + db.name() + " SET idle_in_transaction_session_timeout = '5s'");
            List<Finding> findings =
                    ConfigChecks.checkLive(Pools.preset(PoolPreset.WEB_OLTP, db), db.dataSource(), CheckContext.EMPTY);
            assertThat(findings).extracting(Finding::code).containsExactly("leak-detection-vs-idle-in-transaction");
            assertThat(findings.get(0).fix()).contains("below 5000 ms");
        }
    }

    @Test
    void tooManyInstancesForMaxConnectionsIsAnErrorAgainstTheLiveServer() throws SQLException {
        try (TestDatabase db = Postgres.shared().createDatabase("checks_max")) {
            DatabaseLimits limits = DatabaseLimits.read(db.dataSource());
            assertThat(limits.maxConnections()).isGreaterThan(limits.reservedConnections());
            assertThat(limits.currentConnections()).isNotNegative();
            assertThat(limits.readerName()).isEqualTo("PostgreSQL JDBC Driver");
            int instances = limits.maxConnections() / 10 + 1;
            List<Finding> findings = ConfigChecks.checkLive(
                    Pools.preset(PoolPreset.WEB_OLTP, db),
                    db.dataSource(),
                    CheckContext.builder().applicationInstances(instances).build());
            assertThat(findings).extracting(Finding::code).containsExactly("pool-above-max-connections");
            assertThat(findings.get(0).problem()).contains("max_connections " + limits.maxConnections());
        }
    }

    @Test
    void aCorrectPresetPassesOnTheLiveServer() throws SQLException {
        try (TestDatabase db = Postgres.shared().createDatabase("checks_ok")) {
            assertThat(ConfigChecks.checkLive(
                            Pools.preset(PoolPreset.WEB_OLTP, db),
                            db.dataSource(),
                            CheckContext.builder()
                                    .requestDeadline(Duration.ofSeconds(5))
                                    .build()))
                    .isEmpty();
        }
    }

    @Test
    void liveLimitsFeedTheSizingBudget() throws SQLException {
        try (TestDatabase db = Postgres.shared().createDatabase("checks_size")) {
            DatabaseLimits limits = DatabaseLimits.read(db.dataSource());
            SizingResult r = PoolSizing.recommend(SizingInputs.builder()
                    .databaseCores(64)
                    .effectiveSpindles(0)
                    .applicationInstances(4)
                    .databaseLimits(limits, "none")
                    .build());
            int budget = limits.availableTo("none");
            assertThat(r.maximumPoolSize()).isEqualTo(Math.min(32, budget / 4));
            assertThat(r.explain()).contains("cluster-wide cap: " + budget + " connections available");
        }
    }

    @Test
    void aServerIdleCutWithKeepaliveOffCostsReconnectsNotFailedCalls() throws Exception {
        try (TestDatabase db = Postgres.shared().createDatabase("checks_cut")) {
            db.execute("ALTER DATABASE " + db.name() + " SET idle_session_timeout = '2s'");
            HikariConfig config = Pools.preset(PoolPreset.WEB_OLTP, db);
            config.setKeepaliveTime(0);
            config.setMaximumPoolSize(3);
            config.setMinimumIdle(3);
            config.setConnectionTimeout(5_000);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (pool.getHikariPoolMXBean().getIdleConnections() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                long waitForCut = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (backends(db) > 0 && System.nanoTime() < waitForCut) {
                    Thread.sleep(100);
                }
                assertThat(backends(db))
                        .as("the server closed every idle pool connection")
                        .isZero();
                long start = System.nanoTime();
                List<Connection> held = new ArrayList<>();
                try {
                    for (int i = 0; i < 3; i++) {
                        Connection c = pool.getConnection();
                        held.add(c);
                        try (Statement s = c.createStatement();
                                ResultSet r = s.executeQuery("SELECT 1")) {
                            assertThat(r.next()).isTrue();
                        }
                    }
                } finally {
                    for (Connection c : held) {
                        c.close();
                    }
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(millis)
                        .as("three borrows after the cut, each replacing a dead connection")
                        .isLessThan(5_000);
                Finding f =
                        ConfigChecks.checkLive(config, pool, CheckContext.EMPTY).get(0);
                assertThat(f.code()).isEqualTo("maxLifetime-vs-idle-session");
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.problem()).contains("no call fails");
            }
        }
    }

    private static int backends(TestDatabase db) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(
                        db.server().jdbcUrl("postgres"), db.user(), db.password());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db.name()
                        + "' AND backend_type = 'client backend'")) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    void thePoolsOwnConnectionsAreNotAnotherApplicationsWhenNoApplicationNameIsSet() throws Exception {
        try (TestDatabase db = Postgres.shared().createDatabase("checks_own")) {
            String lastProblem = "";
            for (int attempt = 0; attempt < 5; attempt++) {
                // Free slots for everyone but this pool, then a pool size and instance count that fit them exactly
                // while the pool's own connections, counted as someone else's, would not.
                int free = DatabaseLimits.read(db.dataSource()).availableTo("nobody");
                int size = 10;
                while ((free - 3) % size > size - 4) {
                    size++;
                }
                int instances = (free - 3) / size;
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(db.jdbcUrl());
                config.setUsername(db.user());
                config.setPassword(db.password());
                config.setMaximumPoolSize(size);
                config.setMinimumIdle(size);
                try (HikariDataSource pool = new HikariDataSource(config)) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    while (pool.getHikariPoolMXBean().getTotalConnections() < size && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    List<Finding> findings = ConfigChecks.checkLive(
                            config,
                            pool,
                            CheckContext.builder()
                                    .applicationInstances(instances)
                                    .build());
                    int freeAfter = DatabaseLimits.read(db.dataSource()).availableTo("nobody") + size;
                    java.util.Optional<Finding> limit = findings.stream()
                            .filter(f -> f.code().equals("pool-above-max-connections"))
                            .findFirst();
                    if (limit.isEmpty()) {
                        return;
                    }
                    lastProblem = limit.get().problem() + " (free " + free + ", after " + freeAfter + ")";
                    if (freeAfter == free) {
                        break; // nobody else connected meanwhile: a false ERROR
                    }
                }
            }
            throw new AssertionError(
                    "the pool's own connections were counted as another application's: " + lastProblem);
        }
    }
}
