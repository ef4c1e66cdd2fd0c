package dev.perfkit.db.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.testsupport.PostgresExtension;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The advisor leaves the database alone until apply is called, which builds concurrently; indexes get reused. */
class ApplyIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @Test
    void adviseChangesNothingApplyBuildsAndTheBuiltIndexIsReusedNotDuplicated(TestDatabase db) throws SQLException {
        WhatIfMode mode = db.tryCreateExtension("hypopg") ? WhatIfMode.HYPOPG : WhatIfMode.TRANSACTIONAL;
        db.execute(
                "CREATE TABLE items (id int PRIMARY KEY, k int NOT NULL, v text)",
                "INSERT INTO items SELECT g, g % 5000, 'v' || g FROM generate_series(1, 100000) g",
                "ANALYZE items");
        IndexAdvisor advisor = IndexAdvisor.builder().whatIf(mode).build();
        Workload workload = Workload.fromSql("SELECT * FROM items WHERE k = 42");
        try (Connection c = db.connect()) {
            List<String> before = indexes(c);
            AdvisorReport report = advisor.advise(c, workload);
            assertThat(report.recommendations())
                    .singleElement()
                    .satisfies(r -> assertThat(r.ddl()).isEqualTo("CREATE INDEX CONCURRENTLY ON public.items (k)"));
            assertThat(indexes(c)).isEqualTo(before);

            assertThat(advisor.apply(c, report)).containsExactly("CREATE INDEX CONCURRENTLY ON public.items (k)");
            assertThat(indexes(c)).contains("CREATE INDEX items_k_idx ON public.items USING btree (k)");

            AdvisorReport again = advisor.advise(c, workload);
            assertThat(again.recommendations()).isEmpty();
            assertThat(again.invalidIndexes()).isEmpty();
        }
    }

    private static List<String> indexes(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
