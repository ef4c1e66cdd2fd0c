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

/**
 * The advisor's recommendations on real PostgreSQL, one query shape per test. Runs with HypoPG where the server
 * has it (the machine's PostgreSQL 15, CI) and in the transactional mode elsewhere (the embedded PostgreSQL 17).
 */
class AdvisorIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static WhatIfMode mode;

    @BeforeAll
    static void schema() {
        TestDatabase db = PG.database();
        mode = db.tryCreateExtension("hypopg") ? WhatIfMode.HYPOPG : WhatIfMode.TRANSACTIONAL;
        AdvisorSchema.create(db);
    }

    static AdvisorReport advise(String... sql) throws SQLException {
        try (Connection c = PG.database().connect()) {
            return IndexAdvisor.builder().whatIf(mode).build().advise(c, Workload.fromSql(String.join(";\n", sql)));
        }
    }

    static List<String> columnsOfOnly(AdvisorReport report, String table) {
        assertThat(report.skipped()).isEmpty();
        assertThat(report.recommendations()).hasSize(1);
        Recommendation r = report.recommendations().get(0);
        assertThat(r.table()).isEqualTo(table);
        assertThat(r.ddl()).startsWith("CREATE INDEX CONCURRENTLY ON " + table + " (");
        assertThat(r.workloadCostAfter()).isLessThan(r.workloadCostBefore());
        assertThat(r.queries()).isNotEmpty();
        return r.columns();
    }

    @Test
    void singleColumnEqualityGetsOneIndex() throws SQLException {
        AdvisorReport report = advise("SELECT * FROM orders WHERE sku = 42");
        assertThat(columnsOfOnly(report, "public.orders")).containsExactly("sku");
        assertThat(report.mode()).isEqualTo(mode);
    }

    @Test
    void twoColumnAndPutsTheSelectiveColumnFirstWhateverTheWrittenOrder() throws SQLException {
        assertThat(columnsOfOnly(advise("SELECT * FROM orders WHERE region = 3 AND sku = 42"), "public.orders"))
                .containsExactly("sku", "region");
        assertThat(columnsOfOnly(advise("SELECT * FROM orders WHERE sku = 42 AND region = 3"), "public.orders"))
                .containsExactly("sku", "region");
    }

    @Test
    void equalityThenRangeWithTheEqualityColumnFirst() throws SQLException {
        AdvisorReport report = advise("SELECT * FROM orders WHERE region = 7"
                + " AND created_at >= '2024-01-10' AND created_at < '2024-01-11'");
        assertThat(columnsOfOnly(report, "public.orders")).containsExactly("region", "created_at");
    }

    @Test
    void equalityWithOrderByLimitIndexesTheSortColumnSecond() throws SQLException {
        AdvisorReport report = advise("SELECT * FROM orders WHERE region = 7 ORDER BY created_at DESC LIMIT 20");
        assertThat(columnsOfOnly(report, "public.orders")).containsExactly("region", "created_at");
    }

    @Test
    void joinKeyOfTheInnerTableIsIndexed() throws SQLException {
        AdvisorReport report = advise("SELECT c.email, o.total FROM customers c JOIN orders o ON o.customer_id = c.id"
                + " WHERE c.email = 'user42@example.com'");
        assertThat(report.skipped()).isEmpty();
        assertThat(report.recommendations()).anySatisfy(r -> {
            assertThat(r.table()).isEqualTo("public.orders");
            assertThat(r.columns()).containsExactly("customer_id");
        });
        assertThat(report.recommendations())
                .anySatisfy(r -> assertThat(r.columns()).containsExactly("email"));
    }

    @Test
    void updateAndDeleteFiltersAreUnderstood() throws SQLException {
        assertThat(columnsOfOnly(advise("UPDATE orders SET status = 'x' WHERE customer_id = 99"), "public.orders"))
                .containsExactly("customer_id");
        assertThat(columnsOfOnly(advise("DELETE FROM orders WHERE sku = 7"), "public.orders"))
                .containsExactly("sku");
    }

    @Test
    void inlinedCteFiltersReachTheTable() throws SQLException {
        AdvisorReport report =
                advise("WITH r AS (SELECT * FROM orders WHERE sku = 5) SELECT * FROM r WHERE region = 3");
        assertThat(columnsOfOnly(report, "public.orders")).containsExactly("sku", "region");
    }

    @Test
    void materializedCteKeepsItsOuterFilterOffTheTable() throws SQLException {
        AdvisorReport report =
                advise("WITH r AS MATERIALIZED (SELECT * FROM orders WHERE sku = 5) SELECT * FROM r WHERE region = 3");
        assertThat(columnsOfOnly(report, "public.orders")).containsExactly("sku");
    }

    @Test
    void viewIsResolvedToItsBaseTable() throws SQLException {
        AdvisorReport report = advise("SELECT * FROM paid_orders WHERE customer_id = 5");
        assertThat(columnsOfOnly(report, "public.orders").get(0)).isEqualTo("customer_id");
    }

    @Test
    void partitionedTableGetsTheIndexOnItsParent() throws SQLException {
        AdvisorReport report = advise("SELECT * FROM events WHERE account_id = 42");
        assertThat(columnsOfOnly(report, "public.events")).containsExactly("account_id");
    }

    @Test
    void parameterizedQueryIsCostedWithAGenericPlan() throws SQLException {
        AdvisorReport report = advise("SELECT * FROM orders WHERE sku = $1 AND region = $2");
        assertThat(columnsOfOnly(report, "public.orders")).containsExactly("sku", "region");
        assertThat(report.recommendations().get(0).queries())
                .containsExactly("select * from orders where sku = ? and region = ?");
    }

    @Test
    void cheapQueryOnATinyTableGetsNoSuggestion() throws SQLException {
        AdvisorReport report = advise("SELECT * FROM tiny WHERE name = 'n3'");
        assertThat(report.recommendations()).isEmpty();
        assertThat(report.skipped()).isEmpty();
    }

    @Test
    void queryWithNoTableIsAnalysedWithoutSuggestion() throws SQLException {
        AdvisorReport report = advise("SELECT 1 + 1");
        assertThat(report.recommendations()).isEmpty();
        assertThat(report.skipped()).isEmpty();
    }

    @Test
    void jsonbColumnsAreNotBtreeCandidates() throws SQLException {
        AdvisorReport report = advise("SELECT * FROM orders WHERE meta = '{\"t\": 3}'::jsonb");
        assertThat(report.recommendations()).isEmpty();
    }

    @Test
    void oneTwoColumnIndexServesThreeQueryShapes() throws SQLException {
        AdvisorReport report = advise(
                "SELECT count(*) FROM orders WHERE region = 5",
                "SELECT * FROM orders WHERE region = 5 AND created_at >= '2024-01-10' AND created_at < '2024-01-11'",
                "SELECT * FROM orders WHERE region = 5 ORDER BY created_at LIMIT 10");
        assertThat(columnsOfOnly(report, "public.orders")).containsExactly("region", "created_at");
        assertThat(report.recommendations().get(0).queries()).hasSize(3);
    }

    @Test
    void badStatementsAreSkippedWithTheirReasonAndTheRunContinues() throws SQLException {
        AdvisorReport report = advise(
                "SELEC * FROM orders",
                "SELECT * FROM orders WHERE",
                "SELECT * FROM no_such_table WHERE id = 1",
                "SELECT * FROM orders WHERE no_such_column = 1",
                "SELECT * FROM orders WHERE sku = 42");
        assertThat(report.skipped())
                .extracting(AdvisorReport.Skipped::reason)
                .satisfiesExactly(
                        r -> assertThat(r)
                                .isEqualTo("not a query the advisor can cost (SELECT, WITH, UPDATE, DELETE, INSERT):"
                                        + " starts with selec"),
                        r -> assertThat(r).startsWith("does not parse: ").contains("syntax error"),
                        r -> assertThat(r).startsWith("unknown table: ").contains("no_such_table"),
                        r -> assertThat(r).startsWith("EXPLAIN failed: ").contains("no_such_column"));
        assertThat(report.recommendations())
                .singleElement()
                .satisfies(r -> assertThat(r.columns()).containsExactly("sku"));
    }

    @Test
    void moreThanOneStatementInAQueryIsSkippedNotRun() throws SQLException {
        try (Connection c = PG.database().connect()) {
            AdvisorReport report = IndexAdvisor.builder()
                    .whatIf(mode)
                    .build()
                    .advise(c, Workload.of(List.of(WorkloadQuery.of("SELECT 1; DROP TABLE tiny"))));
            assertThat(report.skipped())
                    .singleElement()
                    .satisfies(s -> assertThat(s.reason()).contains("2 statements"));
        }
        PG.database().execute("SELECT * FROM tiny");
    }

    @Test
    void emptyWorkloadIsAValidRunWithNoRecommendations() throws SQLException {
        AdvisorReport report = advise();
        assertThat(report.recommendations()).isEmpty();
        assertThat(report.skipped()).isEmpty();
    }
}
