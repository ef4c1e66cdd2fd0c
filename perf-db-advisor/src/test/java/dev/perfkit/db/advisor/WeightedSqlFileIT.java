package dev.perfkit.db.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.testsupport.PostgresExtension;
import dev.perfkit.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The '-- calls: N' weight of a queries file decides where a budget of one index goes. */
class WeightedSqlFileIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static WhatIfMode mode;

    @BeforeAll
    static void schema() {
        TestDatabase db = PG.database();
        mode = db.tryCreateExtension("hypopg") ? WhatIfMode.HYPOPG : WhatIfMode.TRANSACTIONAL;
        db.execute(
                "CREATE TABLE w (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL)",
                "INSERT INTO w SELECT g, g % 3001, g % 2999 FROM generate_series(1, 60000) g",
                "VACUUM ANALYZE w");
    }

    private static List<String> chosen(Path dir, String script) throws Exception {
        Path file = Files.writeString(dir.resolve("q.sql"), script);
        try (Connection c = PG.database().connect()) {
            AdvisorReport report =
                    IndexAdvisor.builder().maxIndexes(1).whatIf(mode).build().advise(c, Workload.fromSqlFile(file));
            assertThat(report.skipped()).isEmpty();
            return report.recommendations().get(0).columns();
        }
    }

    @Test
    void theHeavierStatementGetsTheOnlyIndex(@TempDir Path dir) throws Exception {
        String onA = "SELECT * FROM w WHERE a = $1;\n";
        String onB = "SELECT * FROM w WHERE b = $1;\n";
        assertThat(chosen(dir, onA + "-- calls: 1000\n" + onB)).containsExactly("b");
        assertThat(chosen(dir, "-- calls: 1000\n" + onA + onB)).containsExactly("a");
        assertThat(chosen(dir, onB + "-- calls: 1000\n" + onA)).containsExactly("a");
    }
}
