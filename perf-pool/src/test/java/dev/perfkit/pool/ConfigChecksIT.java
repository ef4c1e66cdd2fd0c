package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import dev.perfkit.testsupport.Postgres;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
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
            assertThat(findings.get(0).severity()).isEqualTo(Severity.ERROR);
            assertThat(findings.get(0).problem()).contains("60000 ms");
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
            assertThat(limits.currentConnections()).isPositive();
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
}
