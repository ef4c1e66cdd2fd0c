package dev.perfkit.db;

/**
 * Receives what a {@link QueryInstrumentation} notices, beside its SLF4J log lines. Override only the
 * methods you need; {@link #NONE} ignores everything. Methods are called on the query's thread (slow
 * queries, N+1) or the plan-capture thread (plans, failed EXPLAINs) and must not block; what they throw is logged and dropped.
 *
 * <pre>{@code
 * QueryInstrumentation.builder()
 *     .eventListener(new QueryEventListener() {
 *       public void onNPlusOne(NPlusOneEvent e) { metrics.increment(e.fingerprint()); }
 *     })
 *     .build();
 * }</pre>
 */
public abstract class QueryEventListener {
    /** A listener that ignores every event. */
    public static final QueryEventListener NONE = new QueryEventListener() {};

    /** Called after an execution slower than the threshold. */
    public void onSlowQuery(SlowQueryEvent event) {}

    /** Called when the plan of a slow statement has been captured. */
    public void onPlanCaptured(PlanCapturedEvent event) {}

    /**
     * Called when the EXPLAIN of a slow statement failed, at most once per fingerprint per explain interval
     * (the same cadence as the warning logged for it); the statement itself was not affected.
     */
    public void onExplainFailed(ExplainFailedEvent event) {}

    /** Called when a statement shape repeats more than a scope's threshold. */
    public void onNPlusOne(NPlusOneEvent event) {}
}
