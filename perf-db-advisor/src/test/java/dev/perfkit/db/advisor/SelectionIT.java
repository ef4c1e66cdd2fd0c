package dev.perfkit.db.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.db.advisor.AdvisorReport.Recommendation;
import dev.perfkit.testsupport.PostgresExtension;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whole-workload selection: time weighting, budgets, write costs, partial and INCLUDE indexes. */
class SelectionIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static WhatIfMode mode;

    @BeforeAll
    static void schema() {
        TestDatabase db = PG.database();
        mode = db.tryCreateExtension("hypopg") ? WhatIfMode.HYPOPG : WhatIfMode.TRANSACTIONAL;
        db.execute(
                "CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL, k int NOT NULL,"
                        + " v int NOT NULL, total numeric NOT NULL, gone timestamptz)",
                "INSERT INTO t SELECT g, g % 3001, g % 2999, g % 5003, g, g % 100,"
                        + " CASE WHEN g % 10 = 0 THEN now() END FROM generate_series(1, 200000) g",
                "VACUUM ANALYZE t");
    }

    private static List<Recommendation> advise(IndexAdvisor.Builder builder, WorkloadQuery... queries)
            throws SQLException {
        try (Connection c = PG.database().connect()) {
            AdvisorReport report = builder.whatIf(mode).build().advise(c, Workload.of(List.of(queries)));
            assertThat(report.skipped()).isEmpty();
            return report.recommendations();
        }
    }

    @Test
    void theBudgetGoesToTheQueryThatTakesTheMostTime() throws SQLException {
        WorkloadQuery onA = new WorkloadQuery("SELECT * FROM t WHERE a = $1", 100, 10);
        WorkloadQuery onB = new WorkloadQuery("SELECT * FROM t WHERE b = $1", 100, 10_000);
        assertThat(advise(IndexAdvisor.builder().maxIndexes(1), onA, onB))
                .singleElement()
                .satisfies(r -> assertThat(r.columns()).containsExactly("b"));
        WorkloadQuery slowA = new WorkloadQuery("SELECT * FROM t WHERE a = $1", 100, 10_000);
        WorkloadQuery fastB = new WorkloadQuery("SELECT * FROM t WHERE b = $1", 100, 100);
        assertThat(advise(IndexAdvisor.builder().maxIndexes(1), slowA, fastB))
                .singleElement()
                .satisfies(r -> assertThat(r.columns()).containsExactly("a"));
        assertThat(advise(IndexAdvisor.builder(), slowA, fastB)).hasSize(2);
    }

    @Test
    void aSizeBudgetTooSmallForAnyIndexYieldsNone() throws SQLException {
        assertThat(advise(
                        IndexAdvisor.builder().maxTotalBytes(100_000), WorkloadQuery.of("SELECT * FROM t WHERE a = 1")))
                .isEmpty();
    }

    @Test
    void heavyUpdatesOfAColumnOutweighAnIndexOnIt() throws SQLException {
        WorkloadQuery read = new WorkloadQuery("SELECT * FROM t WHERE k = 42", 1000, 0);
        assertThat(advise(
                        IndexAdvisor.builder(),
                        read,
                        new WorkloadQuery("UPDATE t SET k = k + 1 WHERE id <= 100000", 1000, 0)))
                .noneMatch(r -> r.columns().contains("k"));
        assertThat(advise(
                        IndexAdvisor.builder(),
                        read,
                        new WorkloadQuery("UPDATE t SET v = v + 1 WHERE id <= 100000", 1000, 0)))
                .anyMatch(r -> r.columns().equals(List.of("k")));
    }

    @Test
    void aConstantPredicateOnEveryUserBecomesAPartialIndex() throws SQLException {
        assertThat(advise(IndexAdvisor.builder(), WorkloadQuery.of("SELECT * FROM t WHERE gone IS NOT NULL AND a = 7")))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.columns()).containsExactly("a");
                    assertThat(r.where()).isEqualTo("gone IS NOT NULL");
                    assertThat(r.ddl()).isEqualTo("CREATE INDEX CONCURRENTLY ON public.t (a) WHERE gone IS NOT NULL");
                });
    }

    @Test
    void includeColumnsEnableAnIndexOnlyScan() throws SQLException {
        // Index-only scans are costed cheaper only where the visibility map is set; on the embedded server the
        // VACUUM right after the load may not get there yet, so vacuum again here.
        PG.database().execute("VACUUM t");
        assertThat(advise(IndexAdvisor.builder(), WorkloadQuery.of("SELECT a, total FROM t WHERE a = 7")))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.columns()).containsExactly("a");
                    assertThat(r.include()).containsExactly("total");
                    assertThat(r.ddl()).isEqualTo("CREATE INDEX CONCURRENTLY ON public.t (a) INCLUDE (total)");
                });
    }

    @Test
    void anAggregateIsCoveredByTheColumnsItNamesNotTheScansWholeRow() throws SQLException {
        // Under an aggregate the scan outputs every column of t (PostgreSQL's physical target list); the
        // statement reads only total.
        PG.database().execute("VACUUM t");
        assertThat(advise(IndexAdvisor.builder(), WorkloadQuery.of("SELECT sum(total) FROM t WHERE a = 7")))
                .singleElement()
                .satisfies(r ->
                        assertThat(r.ddl()).isEqualTo("CREATE INDEX CONCURRENTLY ON public.t (a) INCLUDE (total)"));
    }
}
