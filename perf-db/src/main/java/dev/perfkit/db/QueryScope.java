package dev.perfkit.db;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A unit of work (a request, a job, a test) on the current thread whose statements are counted, so that
 * the same statement shape run more than a threshold of times raises an {@link NPlusOneEvent}. Open it
 * with try-with-resources; instrumented statements on this thread are recorded into the innermost open scope.
 * The events are logged and passed to the listener when the scope closes, with the final count of each
 * repeated statement; {@link #nPlusOneEvents()} shows the counts so far.
 *
 * <pre>{@code
 * try (QueryScope scope = QueryScope.open(10)) {
 *   orders.forEach(o -> dsl.fetch(ITEMS, ITEMS.ORDER_ID.eq(o.getId())));
 *   scope.nPlusOneEvents(); // one event naming the loop's line
 * }
 * }</pre>
 *
 * <p>A scope keeps at most {@value #MAX_KEPT_STATEMENTS} statements and {@value #MAX_FINGERPRINTS}
 * distinct fingerprints; beyond that it still counts. It is confined to its thread and not thread-safe.
 */
public final class QueryScope implements AutoCloseable {
    /** The most statements whose text a scope keeps. */
    public static final int MAX_KEPT_STATEMENTS = 1000;
    /** The most distinct fingerprints a scope counts for N+1 detection. */
    public static final int MAX_FINGERPRINTS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(QueryScope.class);
    private static final ThreadLocal<@Nullable QueryScope> CURRENT = new ThreadLocal<>();

    private final int threshold;
    private final @Nullable QueryScope parent;
    private final Thread owner = Thread.currentThread();
    private final String label;
    private final Map<String, int[]> counts = new HashMap<>();
    private final List<ScopedStatement> statements = new ArrayList<>();
    private final Map<String, Repeated> repeated = new LinkedHashMap<>();
    private int statementCount;
    private boolean closed;

    private QueryScope(int threshold, String label, @Nullable QueryScope parent) {
        this.threshold = threshold;
        this.label = label;
        this.parent = parent;
    }

    /** A fingerprint that crossed the threshold: its first repeated execution and where to report it. */
    private static final class Repeated {
        final String sampleSql;
        final String callSite;
        final int[] count;
        final QueryEventListener listener;

        Repeated(String sampleSql, String callSite, int[] count, QueryEventListener listener) {
            this.sampleSql = sampleSql;
            this.callSite = callSite;
            this.count = count;
            this.listener = listener;
        }

        NPlusOneEvent event(String fingerprint, String label) {
            return new NPlusOneEvent(fingerprint, sampleSql, count[0], callSite, label);
        }
    }

    /**
     * Opens a scope on the current thread that raises an event when one fingerprint runs more than
     * {@code threshold} times.
     *
     * @throws IllegalArgumentException if {@code threshold} is outside 1..1000000
     */
    public static QueryScope open(int threshold) {
        return open(threshold, "");
    }

    /**
     * Opens a scope as {@link #open(int)} does, whose events name the unit of work with {@code label}
     * (for example {@code "GET /orders"}; {@link dev.perfkit.db.servlet.QueryScopeFilter} passes the request).
     *
     * @throws IllegalArgumentException if {@code threshold} is outside 1..1000000 or {@code label} is longer
     *     than 500 characters
     * @throws NullPointerException if {@code label} is null
     */
    public static QueryScope open(int threshold, String label) {
        if (threshold < 1 || threshold > 1_000_000) {
            throw new IllegalArgumentException("threshold must be between 1 and 1000000, but was " + threshold);
        }
        java.util.Objects.requireNonNull(label, "label");
        if (label.length() > 500) {
            throw new IllegalArgumentException("label must have at most 500 characters, but had " + label.length());
        }
        QueryScope scope = new QueryScope(threshold, label, CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** The innermost open scope of the current thread, if any. */
    public static Optional<QueryScope> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static @Nullable QueryScope currentOrNull() {
        return CURRENT.get();
    }

    /** How many statements ran in this scope. */
    public int statementCount() {
        return statementCount;
    }

    /** The statements that ran in this scope, in order (at most {@value #MAX_KEPT_STATEMENTS}). */
    public List<ScopedStatement> statements() {
        return List.copyOf(statements);
    }

    /** The label given to {@link #open(int, String)}, or empty. */
    public String label() {
        return label;
    }

    /**
     * The N+1 events of this scope so far, in the order their statements crossed the threshold, each with
     * the count so far (the final count once the scope is closed).
     */
    public List<NPlusOneEvent> nPlusOneEvents() {
        List<NPlusOneEvent> events = new ArrayList<>(repeated.size());
        repeated.forEach((fingerprint, r) -> events.add(r.event(fingerprint, label)));
        return events;
    }

    void record(String fingerprint, String sql, QueryEventListener listener) {
        statementCount++;
        if (statements.size() < MAX_KEPT_STATEMENTS) {
            statements.add(new ScopedStatement(fingerprint, sql));
        }
        int[] count = counts.get(fingerprint);
        if (count == null) {
            if (counts.size() >= MAX_FINGERPRINTS) {
                return;
            }
            count = new int[1];
            counts.put(fingerprint, count);
        }
        if (++count[0] == threshold + 1) {
            repeated.put(fingerprint, new Repeated(sql, CallSite.find(), count, listener));
        }
    }

    /**
     * Closes this scope and makes its parent current again.
     *
     * @throws IllegalStateException if called from another thread than the one that opened it
     */
    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(
                    "a QueryScope must be closed on the thread that opened it, " + owner.getName());
        }
        if (closed) {
            return;
        }
        closed = true;
        for (Map.Entry<String, Repeated> entry : repeated.entrySet()) {
            NPlusOneEvent event = entry.getValue().event(entry.getKey(), label);
            LOG.warn(
                    "N+1 query: {} ran {} times in one scope{}, at {}",
                    event.fingerprint(),
                    event.count(),
                    label.isEmpty() ? "" : " (" + label + ")",
                    event.callSite());
            QueryEventListener listener = entry.getValue().listener;
            Listeners.notify(() -> listener.onNPlusOne(event));
        }
        if (CURRENT.get() == this) {
            if (parent == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(parent);
            }
        }
    }

    /**
     * One statement recorded in a {@link QueryScope}.
     *
     * @param fingerprint the statement shape
     * @param sql the executed SQL, with inlined bind values when jOOQ could render them
     */
    public record ScopedStatement(String fingerprint, String sql) {}
}
