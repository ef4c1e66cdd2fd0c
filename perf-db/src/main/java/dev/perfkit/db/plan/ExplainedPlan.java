package dev.perfkit.db.plan;

import java.util.List;
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
 */
public record ExplainedPlan(String planText, boolean analyzed, List<PlanFinding> findings) {
  /**
   * Copies the findings.
   *
   * @throws NullPointerException if an argument is null
   */
  public ExplainedPlan {
    Objects.requireNonNull(planText, "planText");
    findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
  }
}
