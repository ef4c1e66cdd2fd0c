package dev.perfkit.db;

import java.util.ArrayList;
import java.util.HashMap;
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
    private final Map<String, int[]> counts = new HashMap<>();
    private final List<ScopedStatement> statements = new ArrayList<>();
    private final List<NPlusOneEvent> events = new ArrayList<>();
    private int statementCount;
    private boolean closed;

    private QueryScope(int threshold, @Nullable QueryScope parent) {
        this.threshold = threshold;
        this.parent = parent;
    }

    /**
     * Opens a scope on the current thread that raises an event when one fingerprint runs more than
     * {@code threshold} times.
     *
     * @throws IllegalArgumentException if {@code threshold} is outside 1..1000000
     */
    public static QueryScope open(int threshold) {
        if (threshold < 1 || threshold > 1_000_000) {
            throw new IllegalArgumentException("threshold must be between 1 and 1000000, but was " + threshold);
        }
        QueryScope scope = new QueryScope(threshold, CURRENT.get());
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

    /** The N+1 events raised in this scope, in order. */
    public List<NPlusOneEvent> nPlusOneEvents() {
        return List.copyOf(events);
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
            NPlusOneEvent event = new NPlusOneEvent(fingerprint, sql, count[0], CallSite.find());
            events.add(event);
            LOG.warn("N+1 query: {} ran {} times in one scope, at {}", fingerprint, event.count(), event.callSite());
            Listeners.notify(() -> listener.onNPlusOne(event));
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
