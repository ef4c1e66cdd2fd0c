package dev.perfkit.db.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.testsupport.PostgresExtension;
import dev.perfkit.testsupport.Services;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both what-if modes: the transactional one on whichever server runs (it builds and rolls back), HypoPG where
 * installed (required in CI), and the clear refusal when HypoPG is asked for but missing.
 */
class WhatIfModesIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Workload WORKLOAD =
            Workload.fromSql("SELECT * FROM items WHERE k = 42; UPDATE items SET v = 'x' WHERE k = 7");

    @BeforeAll
    static void schema() {
        PG.database()
                .execute(
                        "CREATE TABLE items (id int PRIMARY KEY, k int NOT NULL, v text)",
                        "INSERT INTO items SELECT g, g % 5000, 'v' || g FROM generate_series(1, 100000) g",
                        "ANALYZE items");
    }

    @Test
    void transactionalModeBuildsInsideARolledBackTransactionAndSaysSo(TestDatabase db) throws SQLException {
        IndexAdvisor advisor = IndexAdvisor.builder()
                .whatIf(WhatIfMode.TRANSACTIONAL)
                .transactionTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .build();
        try (Connection c = db.connect()) {
            AdvisorReport report = advisor.advise(c, WORKLOAD);
            assertThat(report.mode()).isEqualTo(WhatIfMode.TRANSACTIONAL);
            assertThat(report.recommendations()).singleElement().satisfies(r -> {
                assertThat(r.columns()).containsExactly("k");
                assertThat(r.queries()).hasSize(2);
            });
            assertThat(report.toJson()).startsWith("{\"mode\":\"transactional\"");
            assertThat(report.toText()).contains("BUILT inside transactions and rolled back");
            assertThat(indexCount(c)).isEqualTo(1);
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    @Test
    void hypoPgModeBuildsNothing(TestDatabase db) throws SQLException {
        if (!db.tryCreateExtension("hypopg")) {
            throw Services.missing("the HypoPG extension (apt postgresql-15-hypopg) on the PostgreSQL server", null);
        }
        try (Connection c = db.connect()) {
            AdvisorReport report = IndexAdvisor.builder().build().advise(c, WORKLOAD);
            assertThat(report.mode()).isEqualTo(WhatIfMode.HYPOPG);
            assertThat(report.recommendations())
                    .singleElement()
                    .satisfies(r -> assertThat(r.columns()).containsExactly("k"));
            assertThat(indexCount(c)).isEqualTo(1);
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM hypopg()")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        } finally {
            db.execute("DROP EXTENSION IF EXISTS hypopg");
        }
    }

    @Test
    void hypoPgModeWithoutTheExtensionFailsWithAClearMessage(TestDatabase db) throws SQLException {
        db.execute("DROP EXTENSION IF EXISTS hypopg");
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> IndexAdvisor.builder().build().advise(c, WORKLOAD))
                    .isInstanceOf(AdvisorException.class)
                    .hasMessageContaining("HypoPG extension is not installed")
                    .hasMessageContaining("transactional mode");
        }
    }

    private static int indexCount(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_indexes WHERE tablename = 'items'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
