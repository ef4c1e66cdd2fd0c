package dev.perfkit.db;

import java.time.Duration;
import java.util.Objects;

/**
 * One execution that took longer than the slow-query threshold of a {@link QueryInstrumentation}.
 *
 * <pre>{@code
 * QueryEventListener listener = new QueryEventListener() {
 *   public void onSlowQuery(SlowQueryEvent e) { alerts.add(e.fingerprint() + " " + e.time()); }
 * };
 * }</pre>
 *
 * @param fingerprint the statement shape
 * @param sql the executed SQL (with inlined bind values when jOOQ could render them)
 * @param time how long the execution took
 * @param callSite the first application frame, as {@code Class.method(File:line)}
 */
public record SlowQueryEvent(String fingerprint, String sql, Duration time, String callSite) {
    /**
     * Validates the event.
     *
     * @throws NullPointerException if an argument is null
     */
    public SlowQueryEvent {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(callSite, "callSite");
    }
}
