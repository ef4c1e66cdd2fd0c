package dev.perfkit.db.advisor.snippets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.db.QueryInstrumentation;
import dev.perfkit.db.advisor.AdvisorException;
import dev.perfkit.db.advisor.AdvisorReport;
import dev.perfkit.db.advisor.WhatIfMode;
import dev.perfkit.db.advisor.Workload;
import dev.perfkit.testsupport.PostgresExtension;
import dev.perfkit.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Runs the Javadoc and README regions of {@link IndexAdvisorSnippets} on real PostgreSQL. */
class IndexAdvisorSnippetsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    /** A table of its own per test: the extension's database is shared by the class's tests. */
    private static void items(TestDatabase db, String table) {
        db.execute(
                "CREATE TABLE " + table + " (id int PRIMARY KEY, k int NOT NULL, v text)",
                "INSERT INTO " + table + " SELECT g, g % 5000, 'v' || g FROM generate_series(1, 100000) g",
                "ANALYZE " + table);
    }

    @Test
    void basicRecommendsFromFingerprintsAndAFileWithHypoPg(TestDatabase db, @TempDir Path dir)
            throws SQLException, IOException {
        boolean hypoPg = db.tryCreateExtension("hypopg");
        items(db, "items_a");
        QueryInstrumentation instrumentation = QueryInstrumentation.builder().build();
        try (Connection c = instrumentation.wrap(db.dataSource()).getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT v FROM items_a WHERE k = ?")) {
            ps.setInt(1, 7);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
        Path queries = Files.writeString(dir.resolve("queries.sql"), "SELECT * FROM items_a WHERE id > 99990;");
        IndexAdvisorSnippets snippets = new IndexAdvisorSnippets();
        if (!hypoPg) {
            // The region's default mode needs HypoPG; without it the advisor says so and how to opt out.
            assertThatThrownBy(() -> snippets.basic(db.dataSource(), instrumentation, queries))
                    .isInstanceOf(AdvisorException.class)
                    .hasMessageStartingWith("the HypoPG extension is not installed in this database");
            return;
        }
        AdvisorReport report = snippets.basic(db.dataSource(), instrumentation, queries);
        assertThat(report.mode()).isEqualTo(WhatIfMode.HYPOPG);
        assertThat(report.recommendations())
                .anySatisfy(r -> assertThat(r.columns()).containsExactly("k"));
    }

    @Test
    void transactionalBuildsNothingUntilApplyAndApplyCreatesTheIndexes(TestDatabase db) throws SQLException {
        items(db, "items_b");
        List<String> created = new IndexAdvisorSnippets()
                .transactional(db.dataSource(), Workload.fromSql("SELECT * FROM items_b WHERE k = 42"));
        assertThat(created).containsExactly("CREATE INDEX CONCURRENTLY ON public.items_b (k)");
        try (Connection c = db.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT indexdef FROM pg_indexes WHERE tablename = 'items_b' AND indexname <> 'items_b_pkey'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).endsWith("(k)");
            assertThat(rs.next()).isFalse();
        }
    }
}
