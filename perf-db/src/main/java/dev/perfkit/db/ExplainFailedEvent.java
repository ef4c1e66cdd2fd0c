package dev.perfkit.db;

import java.util.Objects;

/**
 * An EXPLAIN of a slow statement that failed on the plan-capture thread (a table only the query's session
 * can see, a missing privilege, a lost connection...). The user's query was not affected. Reported with the
 * same cadence as plan captures: at most once per fingerprint per
 * {@link QueryInstrumentation.Builder#explainInterval explain interval}, together with one SLF4J warning.
 *
 * <pre>{@code
 * public void onExplainFailed(ExplainFailedEvent e) {
 *   metrics.counter("explain.failed", "fingerprint", e.fingerprint()).increment();
 * }
 * }</pre>
 *
 * @param fingerprint the statement shape
 * @param sql the SQL whose EXPLAIN failed
 * @param cause what the driver or the plan reader threw
 */
public record ExplainFailedEvent(String fingerprint, String sql, Exception cause) {
    /**
     * Validates the event.
     *
     * @throws NullPointerException if an argument is null
     */
    public ExplainFailedEvent {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(cause, "cause");
    }
}
