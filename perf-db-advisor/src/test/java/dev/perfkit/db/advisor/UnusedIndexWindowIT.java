package dev.perfkit.db.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.db.advisor.AdvisorReport.UnusedIndex;
import dev.perfkit.testsupport.EmbeddedPostgres;
import dev.perfkit.testsupport.Postgres;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 7: an unused index is reported only once it has been observed for the configured window, with the
 * statistics' age and its own. PostgreSQL knows an index's age only with {@code track_commit_timestamp = on}, a
 * server setting, so this test runs a server of its own with it.
 */
class UnusedIndexWindowIT {
    private static EmbeddedPostgres server;
    private static TestDatabase db;

    @BeforeAll
    static void start() throws SQLException {
        server = Postgres.startPrivate();
        try (TestDatabase admin = server.createDatabase("setup");
                Connection c = admin.connect();
                Statement st = c.createStatement()) {
            st.execute("ALTER SYSTEM SET track_commit_timestamp = on");
        }
        server.stop();
        server.start();
        db = server.createDatabase("window");
        db.execute(
                "CREATE TABLE t (id int PRIMARY KEY, a int, b int)",
                "INSERT INTO t SELECT g, g % 10, g % 7 FROM generate_series(1, 1000) g",
                "CREATE INDEX t_young ON t (a)",
                "CREATE INDEX t_b1 ON t (b)",
                "CREATE INDEX t_b2 ON t (b)",
                "ANALYZE t");
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static AdvisorReport report(Duration window) throws SQLException {
        try (Connection c = db.connect()) {
            return IndexAdvisor.builder().unusedIndexWindow(window).build().advise(c, Workload.of(List.of()));
        }
    }

    @Test
    void anIndexCreatedSecondsAgoIsNotCalledUnusedUnderTheDefaultWindow() throws SQLException {
        assertThat(report(Duration.ofDays(7)).unusedIndexes()).isEmpty();
        assertThat(report(Duration.ofHours(1)).unusedIndexes()).isEmpty();
    }

    @Test
    void withAShortWindowItIsReportedWithItsAgeAndTheStatisticsAge() throws SQLException {
        AdvisorReport report = report(Duration.ZERO);
        UnusedIndex young = report.unusedIndexes().stream()
                .filter(u -> u.index().equals("public.t_young"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(report.toText()));
        assertThat(young.indexAge()).isNotNull().isBetween(Duration.ZERO, Duration.ofMinutes(10));
        assertThat(report.toText())
                .containsPattern("DROP INDEX CONCURRENTLY public.t_young;  -- on public.t, \\d+ bytes,"
                        + " no scans .*, index created \\d+ s ago");
    }

    @Test
    void aResetOfTheStatisticsRestartsTheWindow() throws SQLException {
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_reset()");
        }
        AdvisorReport report = report(Duration.ZERO);
        assertThat(report.unusedIndexes())
                .isNotEmpty()
                .allSatisfy(u -> assertThat(u.statsAge()).isNotNull().isLessThan(Duration.ofMinutes(10)));
    }

    @Test
    void aDuplicatePairIsReportedOnceAsTheCoveredIndex() throws SQLException {
        AdvisorReport report = report(Duration.ZERO);
        assertThat(report.duplicateIndexes())
                .containsExactly(new AdvisorReport.DuplicateIndex(
                        "public.t_b2", "public.t_b1", "DROP INDEX CONCURRENTLY public.t_b2"));
        assertThat(report.unusedIndexes())
                .extracting(UnusedIndex::index)
                .contains("public.t_young")
                .doesNotContain("public.t_b1", "public.t_b2");
    }
}
