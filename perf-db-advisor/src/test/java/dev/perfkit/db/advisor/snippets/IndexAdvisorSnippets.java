package dev.perfkit.db.advisor.snippets;

import dev.perfkit.db.QueryInstrumentation;
import dev.perfkit.db.advisor.AdvisorReport;
import dev.perfkit.db.advisor.IndexAdvisor;
import dev.perfkit.db.advisor.WhatIfMode;
import dev.perfkit.db.advisor.Workload;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The usage examples of perf-db-advisor's Javadoc and README, compiled here and run by
 * {@link IndexAdvisorSnippetsIT}. Each region is what a reader copies; the README holds the same text with
 * its imports. Outside the advisor's package, so the examples use only public API and their imports are real.
 */
class IndexAdvisorSnippets {
    public AdvisorReport basic(DataSource dataSource, QueryInstrumentation instrumentation, Path queriesFile)
            throws SQLException {
        // @start region="basic"
        IndexAdvisor advisor = IndexAdvisor.builder().maxIndexes(5).build(); // HypoPG: nothing is built
        AdvisorReport report;
        try (Connection c = dataSource.getConnection()) {
            // What the application ran, plus a file; or Workload.fromPgStatStatements(c).
            Workload fromApp = Workload.fromFingerprints(instrumentation.stats().snapshot());
            Workload workload = fromApp.plus(Workload.fromSqlFile(queriesFile));
            report = advisor.advise(c, workload);
        }
        System.out.println(report.toText());
        for (AdvisorReport.Recommendation r : report.recommendations()) {
            System.out.println(r.ddl() + " -- used by " + r.queries().size() + " queries");
        }
        // @end
        return report;
    }

    public List<String> transactional(DataSource dataSource, Workload workload) throws SQLException {
        // @start region="transactional"
        IndexAdvisor advisor = IndexAdvisor.builder()
                .whatIf(WhatIfMode.TRANSACTIONAL) // no HypoPG: build each candidate, EXPLAIN, roll back
                .listener((phase, done, total) -> System.err.println(phase + " " + done + "/" + total))
                .build();
        List<String> created;
        try (Connection c = dataSource.getConnection()) {
            AdvisorReport report = advisor.advise(c, workload);
            created = advisor.apply(c, report); // CREATE INDEX CONCURRENTLY, only when called
        }
        // @end
        return created;
    }
}
