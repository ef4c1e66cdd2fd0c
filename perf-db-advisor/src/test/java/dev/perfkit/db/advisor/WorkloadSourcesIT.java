package dev.perfkit.db.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.db.QueryInstrumentation;
import dev.perfkit.testsupport.PostgresExtension;
import dev.perfkit.testsupport.Services;
import dev.perfkit.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Workloads read from pg_stat_statements and from files (the command line's are in perf-cli's AdviseIT). */
class WorkloadSourcesIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    /**
     * Skips (fails in CI) unless pg_stat_statements can be read: the extension must be created and also in
     * shared_preload_libraries, which only a server restart changes.
     */
    static void requirePgStatStatements(TestDatabase db) {
        if (!db.tryCreateExtension("pg_stat_statements")) {
            throw Services.missing("the pg_stat_statements extension", null);
        }
        try (Connection c = db.connect();
                java.sql.Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1 FROM pg_stat_statements LIMIT 1")) {
            rs.next();
        } catch (SQLException e) {
            throw Services.missing("pg_stat_statements in shared_preload_libraries", e);
        }
    }

    @Test
    void pgStatStatementsGivesCallsTimeAndParameterizedTextThatTheAdvisorCosts(TestDatabase db) throws SQLException {
        requirePgStatStatements(db);
        boolean hypoPg = db.tryCreateExtension("hypopg");
        db.execute(
                "CREATE TABLE items (id int PRIMARY KEY, k int NOT NULL, v text)",
                "INSERT INTO items SELECT g, g % 5000, 'v' || g FROM generate_series(1, 100000) g",
                "ANALYZE items");
        try (Connection c = db.connect()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM items WHERE k = ?")) {
                for (int i = 0; i < 5; i++) {
                    ps.setInt(1, i);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                    }
                }
            }
            Workload workload = Workload.fromPgStatStatements(c);
            assertThat(workload.queries())
                    .filteredOn(q -> q.sql().contains("items WHERE k = $1"))
                    .singleElement()
                    .satisfies(q -> {
                        assertThat(q.calls()).isGreaterThanOrEqualTo(5);
                        assertThat(q.totalTimeMillis()).isPositive();
                    });
            WhatIfMode mode = hypoPg ? WhatIfMode.HYPOPG : WhatIfMode.TRANSACTIONAL;
            AdvisorReport report = IndexAdvisor.builder().whatIf(mode).build().advise(c, workload);
            assertThat(report.recommendations())
                    .anySatisfy(r -> assertThat(r.columns()).containsExactly("k"));
        }
    }

    @Test
    void instrumentationFingerprintsBecomeAWorkloadTheAdvisorCosts(TestDatabase db) throws SQLException {
        boolean hypoPg = db.tryCreateExtension("hypopg");
        db.execute(
                "CREATE TABLE visits (id int PRIMARY KEY, page int NOT NULL, note text)",
                "INSERT INTO visits SELECT g, g % 4000, 'n' || g FROM generate_series(1, 100000) g",
                "ANALYZE visits");
        QueryInstrumentation instrumentation = QueryInstrumentation.builder().build();
        try (Connection c = instrumentation.wrap(db.dataSource()).getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT note FROM visits WHERE page = ?")) {
            for (int i = 0; i < 7; i++) {
                ps.setInt(1, i);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
        }
        Workload workload = Workload.fromFingerprints(instrumentation.stats().snapshot());
        assertThat(workload.queries()).singleElement().satisfies(q -> {
            assertThat(q.sql()).isEqualTo("SELECT note FROM visits WHERE page = $1");
            assertThat(q.calls()).isEqualTo(7);
            assertThat(q.totalTimeMillis()).isPositive();
        });
        try (Connection c = db.connect()) {
            AdvisorReport report = IndexAdvisor.builder()
                    .whatIf(hypoPg ? WhatIfMode.HYPOPG : WhatIfMode.TRANSACTIONAL)
                    .build()
                    .advise(c, workload);
            assertThat(report.skipped()).isEmpty();
            assertThat(report.recommendations())
                    .singleElement()
                    .satisfies(r -> assertThat(r.columns()).containsExactly("page"));
        }
    }

    @Test
    void aMissingQueriesFileIsAClearError() {
        assertThatThrownBy(() -> Workload.fromSqlFile(Path.of("/nonexistent/queries.sql")))
                .isInstanceOf(AdvisorException.class)
                .hasMessageStartingWith("cannot read queries file /nonexistent/queries.sql");
    }
}
