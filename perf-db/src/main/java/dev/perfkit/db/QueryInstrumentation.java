package dev.perfkit.db;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.ExecuteListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of perf-db's instrumentation: records every statement under its fingerprint
 * ({@link #stats()}), logs slow statements with their call site and, given a DataSource, their plan, and
 * feeds the current {@link QueryScope} for N+1 detection. Plug it into jOOQ with {@link #executeListener()}
 * or wrap a plain JDBC DataSource with {@link #wrap(DataSource)}. Instrumentation never throws into the
 * user's query.
 *
 * <pre>{@code
 * QueryInstrumentation instrumentation = QueryInstrumentation.builder()
 *     .slowThreshold(Duration.ofMillis(200))
 *     .explainWith(dataSource)
 *     .build();
 * DSLContext dsl = DSL.using(new DefaultConfiguration()
 *     .set(dataSource).set(SQLDialect.POSTGRES).set(instrumentation.executeListener()));
 * }</pre>
 */
public final class QueryInstrumentation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryInstrumentation.class);

    private final QueryStats stats;
    private final long slowNanos;
    private final QueryEventListener listener;
    private final @Nullable PlanCapturer planCapturer;
    private final ExecuteListener executeListener;
    private volatile boolean failureLogged;

    QueryInstrumentation(QueryInstrumentationBuilder b) {
        this.stats = QueryStats.create(b.topN);
        this.slowNanos = b.slowThreshold.toNanos();
        this.listener = b.listener;
        this.planCapturer = b.explainDataSource == null
                ? null
                : new PlanCapturer(b.explainDataSource, b.dialect, b.explainInterval.toNanos(), b.ticker, b.listener);
        this.executeListener = new JooqQueryListener(this);
    }

    /** A builder with defaults: top 200 fingerprints, slow threshold 1 s, no plan capture. */
    public static QueryInstrumentationBuilder builder() {
        return new QueryInstrumentationBuilder();
    }

    /** The per-fingerprint statistics recorded so far. */
    public QueryStats stats() {
        return stats;
    }

    /** The jOOQ listener to add to a {@code Configuration}; one instance, safe to share. */
    public ExecuteListener executeListener() {
        return executeListener;
    }

    /**
     * Wraps a JDBC DataSource so that statements run through its connections are recorded.
     *
     * <p>Rows: updates record their update count; queries record the rows read with {@code ResultSet.next()}
     * through the wrapper's result sets, added to the fingerprint when the result set is exhausted or closed,
     * or when its statement is closed, executed again or moves to more results (so a snapshot taken while a
     * result set is still open does not show its rows yet). The execution time covers {@code execute*} only,
     * not the fetching.
     *
     * <p>Batches: a {@code PreparedStatement} batch is one call of its SQL. A plain {@code Statement} batch
     * ({@code addBatch(String)} + {@code executeBatch()}) records one call per distinct fingerprint in the
     * batch, per {@code executeBatch()}, with that fingerprint's summed update counts as rows and the batch
     * time shared out by its number of elements; so a batch of 100 inserts is one call, like jOOQ's batches.
     *
     * <pre>{@code
     * DataSource ds = instrumentation.wrap(hikariDataSource);
     * try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) { ... }
     * }</pre>
     *
     * @throws NullPointerException if {@code dataSource} is null
     */
    public DataSource wrap(DataSource dataSource) {
        return JdbcProxies.dataSource(Objects.requireNonNull(dataSource, "dataSource"), this);
    }

    /**
     * Records one execution. Never throws: a failure inside perfkit is logged once and swallowed.
     *
     * @param sql the SQL as executed, possibly with bind markers
     * @param inlined the SQL with bind values inlined, computed only if needed; null when unavailable
     * @return the fingerprint the execution was recorded under, or null if it was not recorded
     */
    @Nullable
    String onStatement(String sql, @Nullable Supplier<String> inlined, long nanos, long rows) {
        if (PlanCapturer.CAPTURING.get()) {
            return null;
        }
        String fingerprint = null;
        try {
            fingerprint = stats.fingerprint(sql);
            stats.recordFingerprint(fingerprint, sql, nanos, rows);
            QueryScope scope = QueryScope.currentOrNull();
            String text = null;
            if (scope != null) {
                text = inlinedOr(sql, inlined);
                scope.record(fingerprint, text, listener);
            }
            if (nanos >= slowNanos) {
                onSlow(fingerprint, text != null ? text : inlinedOr(sql, inlined), nanos);
            }
        } catch (RuntimeException e) {
            failed(e);
        }
        return fingerprint;
    }

    /** Adds rows read after the execution (through a wrapped ResultSet) to {@code fingerprint}; never throws. */
    void onRowsRead(String fingerprint, long rows) {
        try {
            stats.addRows(fingerprint, rows);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Logs the first internal failure; later ones are dropped so a bug cannot flood the log. */
    void failed(RuntimeException e) {
        if (!failureLogged) {
            failureLogged = true;
            LOG.warn("perfkit query instrumentation failed (logged once); the query is not affected", e);
        }
    }

    private void onSlow(String fingerprint, String sql, long nanos) {
        SlowQueryEvent event = new SlowQueryEvent(fingerprint, sql, Duration.ofNanos(nanos), CallSite.find());
        LOG.warn("Slow query: {} ms at {}: {}", nanos / 1_000_000, event.callSite(), fingerprint);
        Listeners.notify(() -> listener.onSlowQuery(event));
        if (planCapturer != null) {
            planCapturer.maybeCapture(fingerprint, sql);
        }
    }

    private static String inlinedOr(String sql, @Nullable Supplier<String> inlined) {
        if (inlined == null) {
            return sql;
        }
        try {
            String text = inlined.get();
            return text == null ? sql : text;
        } catch (RuntimeException e) {
            return sql;
        }
    }

    /** Stops the plan-capture thread; statistics stay readable. */
    @Override
    public void close() {
        if (planCapturer != null) {
            planCapturer.close();
        }
    }
}
