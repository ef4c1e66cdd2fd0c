package dev.perfkit.db.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.db.advisor.AdvisorReport.StaleTable;
import dev.perfkit.testsupport.PostgresExtension;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12 item 6: the report says when a table the workload reads has stale statistics or many dead tuples, and
 * which statement to run before trusting the advice. Autovacuum is off on the test tables so that it cannot clean
 * up between the writes and the report.
 */
class TableHealthIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static AdvisorReport report;

    @BeforeAll
    static void schema() throws SQLException {
        TestDatabase db = PG.database();
        WhatIfMode mode = db.tryCreateExtension("hypopg") ? WhatIfMode.HYPOPG : WhatIfMode.TRANSACTIONAL;
        String off = " WITH (autovacuum_enabled = off)";
        db.execute(
                "CREATE TABLE bloated (id int PRIMARY KEY, k int NOT NULL)" + off,
                "CREATE TABLE grown (id int PRIMARY KEY, k int NOT NULL)" + off,
                "CREATE TABLE fresh (id int PRIMARY KEY, k int NOT NULL)" + off,
                "CREATE TABLE never (id int PRIMARY KEY, k int NOT NULL)" + off);
        // A backend sends its table counters to the statistics a while after its writes: each step waits for them,
        // or a later flush would land after the ANALYZE and make every table look changed since.
        written(
                db,
                80_000,
                "INSERT INTO bloated SELECT g, g % 100 FROM generate_series(1, 50000) g",
                "INSERT INTO grown SELECT g, g % 100 FROM generate_series(1, 10000) g",
                "INSERT INTO fresh SELECT g, g % 100 FROM generate_series(1, 10000) g",
                "INSERT INTO never SELECT g, g % 100 FROM generate_series(1, 10000) g");
        db.execute("VACUUM ANALYZE bloated", "VACUUM ANALYZE grown", "VACUUM ANALYZE fresh");
        written(
                db,
                130_000,
                "DELETE FROM bloated WHERE id <= 30000",
                "INSERT INTO grown SELECT g, g % 100 FROM generate_series(10001, 30000) g");
        List<WorkloadQuery> reads = List.of(
                WorkloadQuery.of("SELECT * FROM bloated WHERE k = 1"),
                WorkloadQuery.of("SELECT * FROM grown WHERE k = 1"),
                WorkloadQuery.of("SELECT * FROM fresh WHERE k = 1"),
                WorkloadQuery.of("SELECT * FROM never WHERE k = 1"));
        try (Connection c = db.connect()) {
            report = IndexAdvisor.builder().whatIf(mode).build().advise(c, Workload.of(reads));
        }
    }

    /** Runs the writes on a connection of their own and waits until the statistics count {@code rows} writes. */
    private static void written(TestDatabase db, long rows, String... sql) throws SQLException {
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
            st.executeQuery("SELECT pg_stat_force_next_flush()").close();
        }
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            for (long end = System.nanoTime() + 20_000_000_000L; System.nanoTime() < end; ) {
                try (ResultSet rs = st.executeQuery("SELECT coalesce(sum(n_tup_ins + n_tup_del), 0)"
                        + " FROM pg_stat_user_tables WHERE relname IN ('bloated', 'grown', 'fresh', 'never')")) {
                    rs.next();
                    if (rs.getLong(1) >= rows) {
                        return;
                    }
                }
                st.executeQuery("SELECT pg_sleep(0.1)").close();
            }
        }
        throw new AssertionError("the statistics never counted " + rows + " written rows");
    }

    private static StaleTable of(String table) {
        return report.staleTables().stream()
                .filter(s -> s.table().equals(table))
                .findFirst()
                .orElseThrow(() -> new AssertionError(table + " not reported:\n" + report.toText()));
    }

    @Test
    void aTableWithManyDeadTuplesIsToBeVacuumed() {
        StaleTable t = of("public.bloated");
        assertThat(t.deadTuples()).isGreaterThanOrEqualTo(30000);
        assertThat(t.ddl()).isEqualTo("VACUUM (ANALYZE) public.bloated");
        assertThat(t.reason()).contains("60% of its tuples are dead");
    }

    @Test
    void aTableChangedSinceItsLastAnalyzeIsToBeAnalysed() {
        StaleTable t = of("public.grown");
        assertThat(t.modifiedSinceAnalyze()).isGreaterThanOrEqualTo(20000);
        assertThat(t.lastAnalyzed()).isNotNull();
        assertThat(t.ddl()).isEqualTo("ANALYZE public.grown");
        assertThat(of("public.never").reason()).contains("never analysed");
    }

    @Test
    void aFreshlyAnalysedTableIsNotReported() {
        assertThat(report.staleTables()).extracting(StaleTable::table).doesNotContain("public.fresh");
    }

    @Test
    void theTextAndJsonSayWhatToRun() {
        assertThat(report.toText())
                .contains("Tables to vacuum or analyse before trusting this advice: 3")
                .contains("VACUUM (ANALYZE) public.bloated;  -- 60% of its tuples are dead");
        assertThat(report.toJson()).contains("\"staleTables\":[{\"table\":\"public.bloated\"");
    }
}
