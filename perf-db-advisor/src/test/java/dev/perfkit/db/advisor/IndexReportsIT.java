package dev.perfkit.db.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.testsupport.PostgresExtension;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The unused, duplicate, missing foreign-key and invalid index reports on a schema built to contain each. */
class IndexReportsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static AdvisorReport report;

    @BeforeAll
    static void schema() throws SQLException {
        TestDatabase db = PG.database();
        db.execute(
                "CREATE TABLE parent (id int PRIMARY KEY, code text UNIQUE)",
                "INSERT INTO parent SELECT g, 'c' || g FROM generate_series(1, 1000) g",
                "CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent, other_id int REFERENCES parent,"
                        + " a int, b int, c int)",
                "INSERT INTO child SELECT g, 1 + g % 1000, 1 + g % 999, g % 100, g % 7, g % 3 FROM generate_series(1, 5000) g",
                "CREATE INDEX child_other ON child (other_id)",
                "CREATE INDEX child_a ON child (a)",
                "CREATE INDEX child_a_b ON child (a, b)",
                "CREATE INDEX child_c1 ON child (c)",
                "CREATE INDEX child_c2 ON child (c)",
                "CREATE INDEX child_b_partial ON child (b) WHERE c > 0",
                "CREATE TABLE dupes (v int)",
                "INSERT INTO dupes VALUES (1), (1)",
                "ANALYZE");
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY dupes_v ON dupes (v)"))
                .hasMessageContaining("could not create unique index");
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            st.execute("SET enable_seqscan = off");
            st.execute("SET enable_bitmapscan = off");
            st.executeQuery("SELECT * FROM child WHERE a = 1 AND b = 2").close();
            st.executeQuery("SELECT pg_stat_force_next_flush()").close();
            st.executeQuery("SELECT 1").close();
        }
        try (Connection c = db.connect()) {
            report = IndexAdvisor.builder().build().advise(c, Workload.of(List.of()));
        }
    }

    @Test
    void unusedIndexesAreListedWithSizeButNeverKeysOrUniqueConstraintsOrDuplicatePairs() {
        assertThat(report.unusedIndexes())
                .extracting(AdvisorReport.UnusedIndex::index)
                .contains("public.child_other", "public.child_b_partial")
                .doesNotContain(
                        "public.child_a",
                        "public.child_c1",
                        "public.child_c2",
                        "public.child_a_b",
                        "public.parent_pkey",
                        "public.parent_code_key",
                        "public.child_pkey",
                        "public.dupes_v");
        assertThat(report.unusedIndexes()).allSatisfy(u -> {
            assertThat(u.sizeBytes()).isPositive();
            assertThat(u.ddl()).isEqualTo("DROP INDEX CONCURRENTLY " + u.index());
        });
        assertThat(report.unusedIndexes())
                .filteredOn(u -> u.index().equals("public.child_other"))
                .singleElement()
                .satisfies(u -> assertThat(u.table()).isEqualTo("public.child"));
    }

    @Test
    void prefixAndIdenticalIndexesAreDuplicatesButPartialOnesAreNot() {
        assertThat(report.duplicateIndexes())
                .containsExactlyInAnyOrder(
                        new AdvisorReport.DuplicateIndex(
                                "public.child_a", "public.child_a_b", "DROP INDEX CONCURRENTLY public.child_a"),
                        new AdvisorReport.DuplicateIndex(
                                "public.child_c2", "public.child_c1", "DROP INDEX CONCURRENTLY public.child_c2"));
    }

    @Test
    void foreignKeyWithoutSupportingIndexIsReported() {
        assertThat(report.missingForeignKeyIndexes())
                .containsExactly(new AdvisorReport.MissingForeignKeyIndex(
                        "public.child", List.of("parent_id"), "CREATE INDEX CONCURRENTLY ON public.child (parent_id)"));
    }

    @Test
    void invalidIndexIsReported() {
        assertThat(report.invalidIndexes())
                .containsExactly(new AdvisorReport.InvalidIndex(
                        "public.dupes_v", "public.dupes", "DROP INDEX CONCURRENTLY public.dupes_v"));
    }

    @Test
    void reportsAppearInTheJsonAndTextOutput() {
        assertThat(report.toJson()).contains("\"missingForeignKeyIndexes\":[{\"table\":\"public.child\"");
        assertThat(report.toText()).contains("DROP INDEX CONCURRENTLY public.child_c2;  -- covered by public.child_c1");
    }
}
