package dev.perfkit.db;

import dev.perfkit.db.plan.ExplainedPlan;
import java.util.Objects;

/**
 * The plan of a slow statement, captured off the request thread by a {@link QueryInstrumentation}
 * configured with {@link QueryInstrumentation.Builder#explainWith}.
 *
 * <pre>{@code
 * public void onPlanCaptured(PlanCapturedEvent e) {
 *   e.plan().findings().forEach(f -> log.warn("{}: {}", e.fingerprint(), f.message()));
 * }
 * }</pre>
 *
 * @param fingerprint the statement shape
 * @param sql the SQL that was explained
 * @param plan the plan text and its findings
 */
public record PlanCapturedEvent(String fingerprint, String sql, ExplainedPlan plan) {
    /**
     * Validates the event.
     *
     * @throws NullPointerException if an argument is null
     */
    public PlanCapturedEvent {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(plan, "plan");
    }
}
