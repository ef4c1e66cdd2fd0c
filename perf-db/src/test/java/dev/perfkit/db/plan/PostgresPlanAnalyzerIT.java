package dev.perfkit.db.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresPlanAnalyzerIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @BeforeAll
    static void createTables() {
        PG.database()
                .execute(
                        "create table orders (id bigint primary key, customer int not null, note text not null)",
                        "insert into orders select g, g % 1000, md5(g::text) from generate_series(1, 100000) g",
                        "create table small (id int primary key, v int)",
                        "insert into small select g, g from generate_series(1, 50) g",
                        "analyze orders",
                        "analyze small");
    }

    private static ExplainedPlan explain(String sql, boolean analyze, String... setup) throws Exception {
        try (Connection c = PG.database().connect()) {
            try (Statement st = c.createStatement()) {
                for (String s : setup) {
                    st.execute(s);
                }
            }
            return ExplainDialect.postgres().explain(c, sql, analyze).orElseThrow();
        }
    }

    @Test
    void analyzedSeqScanUnderSelectiveFilterIsReportedWithNumbers() throws Exception {
        ExplainedPlan plan = explain("select * from orders where note = 'nope'", true);
        assertThat(plan.analyzed()).isTrue();
        assertThat(plan.findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(PlanFinding.Kind.SEQ_SCAN_SELECTIVE);
            assertThat(f.node()).isEqualTo("Seq Scan on orders");
            assertThat(f.message()).contains("scanned 100000 rows to return 0");
        });
        assertThat(plan.findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(PlanFinding.Kind.ROWS_REMOVED_BY_FILTER);
            assertThat(f.message()).contains("removed 100000 rows by filter and returned 0");
        });
    }

    @Test
    void seqScanWithoutAnalyzeUsesTheCatalogTableSize() throws Exception {
        ExplainedPlan plan = explain("select * from orders where note = 'nope'", false);
        assertThat(plan.analyzed()).isFalse();
        assertThat(plan.findings()).extracting(PlanFinding::kind).containsExactly(PlanFinding.Kind.SEQ_SCAN_SELECTIVE);
        assertThat(plan.findings().get(0).message()).contains("about 100000 rows");
    }

    @Test
    void indexLookupHasNoFindings() throws Exception {
        assertThat(explain("select * from orders where id = 5", true).findings())
                .isEmpty();
        assertThat(explain("select * from small where v = 3", true).findings()).isEmpty();
    }

    @Test
    void sortSpillingToDiskIsReported() throws Exception {
        ExplainedPlan plan = explain("select * from orders order by note", true, "set work_mem = '64kB'");
        assertThat(plan.findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(PlanFinding.Kind.SORT_SPILL);
            assertThat(f.node()).isEqualTo("Sort");
            assertThat(f.message()).contains("external").contains("kB of Disk");
        });
    }

    @Test
    void hashJoinWithSeveralBatchesIsReported() throws Exception {
        ExplainedPlan plan = explain(
                "select count(*) from orders a join orders b on a.note = b.note",
                true,
                "set work_mem = '64kB'",
                "set enable_mergejoin = off",
                "set max_parallel_workers_per_gather = 0");
        assertThat(plan.findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(PlanFinding.Kind.HASH_SPILL);
            assertThat(f.node()).startsWith("Hash");
        });
    }

    @Test
    void estimateErrorsOfTenTimesAreReported() throws Exception {
        // Correlated predicates: the planner multiplies selectivities and underestimates by ~1000x.
        ExplainedPlan plan = explain(
                "select * from orders where customer = 7 and id % 1000 = 7",
                true, "set max_parallel_workers_per_gather = 0");
        assertThat(plan.findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(PlanFinding.Kind.ESTIMATE_ERROR);
            assertThat(f.message()).contains("got 100").contains("under");
        });
    }

    @Test
    void nestedLoopOverALargeOuterInputIsReported() throws Exception {
        ExplainedPlan plan = explain(
                "select count(*) from orders o join small s on s.id = o.customer",
                true,
                "set enable_hashjoin = off",
                "set enable_mergejoin = off",
                "set max_parallel_workers_per_gather = 0");
        assertThat(plan.findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(PlanFinding.Kind.NESTED_LOOP_LARGE_OUTER);
            assertThat(f.message()).contains("outer rows");
        });
    }

    @Test
    void unsafeStatementsAreNotExplained() throws Exception {
        try (Connection c = PG.database().connect()) {
            ExplainDialect pg = ExplainDialect.postgres();
            assertThat(pg.explain(c, "drop table orders", false)).isEmpty();
            assertThat(pg.explain(c, "select 1; drop table orders", false)).isEmpty();
            assertThat(pg.explain(c, "set work_mem = '1MB'", false)).isEmpty();
            assertThat(pg.explain(c, "select ';'; drop table orders;", false)).isEmpty();
            Optional<ExplainedPlan> prepared = pg.explain(c, "select * from orders where id = ?", true);
            assertThat(prepared).isPresent();
            assertThat(prepared.get().analyzed()).isFalse();
            Optional<ExplainedPlan> literals =
                    pg.explain(c, "select $$a?b$$, E'it\\'s ?', ';' from orders where id = ?;", true);
            assertThat(literals).isPresent();
            assertThat(literals.get().analyzed()).isFalse();
            assertThat(pg.explain(c, "select * from orders where id = $2 or id = $1", false))
                    .isPresent();
            Optional<ExplainedPlan> dml = pg.explain(c, "delete from orders where id = 1", true);
            assertThat(dml).isPresent();
            assertThat(dml.get().analyzed()).isFalse();
        }
        assertThat(explain("select count(*) from orders", true).planText()).contains("\"Actual Rows\": 1");
        try (Connection c = PG.database().connect();
                Statement st = c.createStatement();
                var rs = st.executeQuery("select count(*) from orders where id = 1")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
    }

    @Test
    void parameterizedSqlGetsAGenericPlanAndLeavesTheSessionAsItWas() throws Exception {
        try (Connection c = PG.database().connect()) {
            Optional<ExplainedPlan> plan =
                    ExplainDialect.postgres().explain(c, "select * from orders where id = ? and note <> '?'", false);
            assertThat(plan).isPresent();
            assertThat(plan.get().planText()).contains("Index Scan");
            try (Statement st = c.createStatement();
                    var rs = st.executeQuery("show plan_cache_mode")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("auto");
            }
            try (Statement st = c.createStatement();
                    var rs = st.executeQuery("select count(*) from pg_prepared_statements")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    @Test
    void garbageIsRejectedWithIllegalArgument() {
        PostgresPlanAnalyzer analyzer = PostgresPlanAnalyzer.defaults();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> analyzer.analyze("{not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> analyzer.analyze("[{\"x\": 1}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Plan");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> PostgresPlanAnalyzer.builder().estimateFactor(0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("estimateFactor")
                .hasMessageContaining("0.5");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> PostgresPlanAnalyzer.builder().largeTableRows(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("largeTableRows")
                .hasMessageContaining("0");
        assertThat(analyzer.analyze("[{\"Plan\": {\"Node Type\": \"Result\", \"Total Cost\": 0.01}}]"))
                .isEmpty();
    }
}
