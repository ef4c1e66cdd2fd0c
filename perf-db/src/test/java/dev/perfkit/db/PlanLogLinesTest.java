package dev.perfkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.db.plan.ExplainedPlan;
import dev.perfkit.db.plan.PlanFinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanLogLinesTest {
    private static final String PLAN = """
            [
              {
                "Plan": {
                  "Node Type": "Seq Scan",
                  "Relation Name": "item",
                  "Total Cost": 1234.5,
                  "Plan Rows": 3
                }
              }
            ]""";

    @Test
    void theSummaryIsOneLineWithTheTopNodeAndTheFindings() {
        ExplainedPlan plan = new ExplainedPlan(
                PLAN,
                false,
                List.of(new PlanFinding(PlanFinding.Kind.SEQ_SCAN_SELECTIVE, "Seq Scan", "reads\nall rows")),
                Map.of("item", 50_000L));
        String line = PlanLogLines.summary("select * from item where note = ?", plan);
        assertThat(line)
                .doesNotContain("\n")
                .isEqualTo("Plan of slow query select * from item where note = ?: Seq Scan on item, cost 1234.5, "
                        + "rows 3; findings: SEQ_SCAN_SELECTIVE reads all rows");
        assertThat(PlanLogLines.plan(plan)).doesNotContain("\n").startsWith("[{\"Plan\":{\"Node Type\":\"Seq Scan\"");
    }

    @Test
    void aPlanInAnotherFormStillGivesOneLine() {
        ExplainedPlan plan = new ExplainedPlan("Seq Scan on item\n  Filter: x", false, List.of(), Map.of());
        assertThat(PlanLogLines.summary("f", plan))
                .isEqualTo("Plan of slow query f: plan not in PostgreSQL's JSON form; findings: none");
        assertThat(PlanLogLines.plan(plan)).isEqualTo("Seq Scan on item Filter: x");
    }
}
