package dev.perfkit.db;

import java.util.Objects;

/**
 * Raised once per fingerprint per {@link QueryScope}, when the scope closes, if the same statement shape
 * ran more often than the scope's threshold: the classic N+1 pattern of a query inside a loop.
 *
 * <pre>{@code
 * try (QueryScope scope = QueryScope.open(5)) {
 *   handleRequest();
 *   for (NPlusOneEvent e : scope.nPlusOneEvents()) {
 *     log.warn("{} ran {} times at {}", e.fingerprint(), e.count(), e.callSite());
 *   }
 * }
 * }</pre>
 *
 * @param fingerprint the repeated statement shape
 * @param sampleSql the SQL of the execution that crossed the threshold
 * @param count how many times the statement ran in the scope (all of them, once the scope is closed)
 * @param callSite where the execution that crossed the threshold came from: the first frame outside
 *     perfkit, jOOQ and the JDK, as {@code Class.method(File:line)}
 * @param scope the scope's label (for a request through {@link dev.perfkit.db.servlet.QueryScopeFilter},
 *     its method and path), or empty
 */
public record NPlusOneEvent(String fingerprint, String sampleSql, int count, String callSite, String scope) {
    /**
     * Validates the event.
     *
     * @throws NullPointerException if a text is null
     */
    public NPlusOneEvent {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(sampleSql, "sampleSql");
        Objects.requireNonNull(callSite, "callSite");
        Objects.requireNonNull(scope, "scope");
    }
}
