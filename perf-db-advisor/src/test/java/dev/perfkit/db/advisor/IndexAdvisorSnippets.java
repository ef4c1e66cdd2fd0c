package dev.perfkit.db.advisor;

import dev.perfkit.db.QueryInstrumentation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The usage examples of perf-db-advisor's Javadoc and README, compiled here and run by
 * {@link IndexAdvisorSnippetsIT}. Each region is what a reader copies; the README holds the same text with
 * its imports.
 */
class IndexAdvisorSnippets {
    AdvisorReport basic(DataSource dataSource, QueryInstrumentation instrumentation, Path queriesFile)
            throws SQLException {
        // @start region="basic"
        IndexAdvisor advisor = IndexAdvisor.builder().maxIndexes(5).build(); // HypoPG: nothing is built
        AdvisorReport report;
        try (Connection c = dataSource.getConnection()) {
            Workload workload = Workload.fromFingerprints(
                            instrumentation.stats().snapshot()) // what the app ran
                    .plus(Workload.fromSqlFile(queriesFile)); // or Workload.fromPgStatStatements(c)
            report = advisor.advise(c, workload);
        }
        System.out.println(report.toText());
        for (AdvisorReport.Recommendation r : report.recommendations()) {
            System.out.println(r.ddl() + " -- used by " + r.queries().size() + " queries");
        }
        // @end
        return report;
    }

    List<String> transactional(DataSource dataSource, Workload workload) throws SQLException {
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
