package dev.perfkit.db.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.db.advisor.AdvisorListener.Phase;
import dev.perfkit.testsupport.PostgresExtension;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The progress an advisor run reports: every statement analysed, then every candidate costed, in order. */
class AdvisorListenerIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static WhatIfMode mode;

    record Event(Phase phase, int done, int total) {}

    @BeforeAll
    static void schema() {
        TestDatabase db = PG.database();
        mode = db.tryCreateExtension("hypopg") ? WhatIfMode.HYPOPG : WhatIfMode.TRANSACTIONAL;
        AdvisorSchema.create(db);
    }

    private static List<Event> run(Workload workload) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (Connection c = PG.database().connect()) {
            AdvisorReport report = IndexAdvisor.builder()
                    .whatIf(mode)
                    .listener((phase, done, total) -> events.add(new Event(phase, done, total)))
                    .build()
                    .advise(c, workload);
            assertThat(report.mode()).isEqualTo(mode);
        }
        return events;
    }

    @Test
    void everyStatementThenEveryCandidateIsReportedOnceInOrder() throws SQLException {
        List<Event> events = run(Workload.fromSql("SELECT * FROM orders WHERE sku = 42;"
                + "SELECT * FROM orders WHERE region = 5 ORDER BY created_at LIMIT 10;"
                + "SELEC nonsense;"
                + "SELECT * FROM orders WHERE sku = 42"));
        List<Event> analyse =
                events.stream().filter(e -> e.phase() == Phase.ANALYSE).toList();
        List<Event> cost = events.stream().filter(e -> e.phase() == Phase.COST).toList();
        // Three distinct statements (the repeated one is merged); the skipped one counts as analysed.
        assertThat(analyse)
                .containsExactly(
                        new Event(Phase.ANALYSE, 1, 3), new Event(Phase.ANALYSE, 2, 3), new Event(Phase.ANALYSE, 3, 3));
        assertThat(cost).isNotEmpty();
        int total = cost.get(0).total();
        for (int i = 0; i < cost.size(); i++) {
            assertThat(cost.get(i)).isEqualTo(new Event(Phase.COST, i + 1, total));
        }
        assertThat(cost.get(cost.size() - 1).done()).isEqualTo(total);
        assertThat(events.indexOf(cost.get(0))).isEqualTo(analyse.size());
    }

    @Test
    void anEmptyWorkloadReportsNothing() throws SQLException {
        assertThat(run(Workload.of(List.of()))).isEmpty();
    }
}
