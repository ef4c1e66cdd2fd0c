package dev.perfkit.db.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A plan as the database returned it, with the findings of the dialect's analyzer.
 *
 * <pre>{@code
 * Optional<ExplainedPlan> plan = ExplainDialect.postgres().explain(connection, sql, false);
 * plan.ifPresent(p -> System.out.println(p.planText()));
 * }</pre>
 *
 * @param planText the raw plan (PostgreSQL: the EXPLAIN (FORMAT JSON) document)
 * @param analyzed whether the statement was executed (EXPLAIN ANALYZE)
 * @param findings what the analyzer found, possibly empty
 * @param seqScanRows for each relation read by a sequential scan, the rows it scanned: counted when
 *     {@code analyzed}, else the table's approximate size from the catalog (absent when unknown)
 */
public record ExplainedPlan(
        String planText, boolean analyzed, List<PlanFinding> findings, Map<String, Long> seqScanRows) {
    /**
     * Copies the findings.
     *
     * @throws NullPointerException if an argument is null
     */
    public ExplainedPlan {
        Objects.requireNonNull(planText, "planText");
        findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
        seqScanRows = Map.copyOf(Objects.requireNonNull(seqScanRows, "seqScanRows"));
    }
}
