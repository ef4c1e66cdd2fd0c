package dev.perfkit.db;

import dev.perfkit.db.plan.ExplainDialect;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
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
 * {@snippet class=dev.perfkit.db.snippets.QueryInstrumentationSnippets region=basic}
 */
// Error Prone 2.42 (the newest on JDK 17) does not know JDK 18's {@snippet} tag, the project's convention.
@SuppressWarnings("InvalidInlineTag")
public final class QueryInstrumentation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryInstrumentation.class);

    private final QueryStats stats;
    private final long slowNanos;
    private final QueryEventListener listener;
    private final @Nullable PlanCapturer planCapturer;
    private final ExecuteListener executeListener;
    private volatile boolean failureLogged;

    private QueryInstrumentation(Builder b) {
        this.stats = QueryStats.create(b.topN);
        this.slowNanos = b.slowThreshold.toNanos();
        this.listener = b.listener;
        this.planCapturer = b.explainDataSource == null
                ? null
                : new PlanCapturer(b.explainDataSource, b.dialect, b.explainInterval.toNanos(), b.ticker, b.listener);
        this.executeListener = new JooqQueryListener(this);
    }

    /** A builder with defaults: top 200 fingerprints, slow threshold 1 s, no plan capture. */
    public static Builder builder() {
        return new Builder();
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
     * <p>jOOQ given both this wrapper's DataSource and {@link #executeListener()} records each statement
     * once, through the wrapper.
     *
     * <p>Batches: a {@code PreparedStatement} batch is one call of its SQL. A plain {@code Statement} batch
     * ({@code addBatch(String)} + {@code executeBatch()}) records one call per distinct fingerprint in the
     * batch, per {@code executeBatch()}, with that fingerprint's summed update counts as rows and the batch
     * time shared out by its number of elements; so a batch of 100 inserts is one call, like jOOQ's batches.
     *
     * {@snippet class=dev.perfkit.db.snippets.QueryInstrumentationSnippets region=jdbc}
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

    /**
     * Configures a {@link QueryInstrumentation}; each setter checks its value at once.
     *
     * <pre>{@code
     * QueryInstrumentation qi = QueryInstrumentation.builder()
     *     .topN(500).slowThreshold(Duration.ofMillis(100))
     *     .explainWith(dataSource).explainInterval(Duration.ofMinutes(5))
     *     .build();
     * }</pre>
     */
    public static final class Builder {
        int topN = 200;
        Duration slowThreshold = Duration.ofSeconds(1);

        @Nullable
        DataSource explainDataSource;

        ExplainDialect dialect = ExplainDialect.postgres();
        Duration explainInterval = Duration.ofMinutes(10);
        LongSupplier ticker = System::nanoTime;
        QueryEventListener listener = QueryEventListener.NONE;

        private Builder() {}

        /**
         * How many fingerprints to keep by total time; the rest are folded into "other" (default 200).
         *
         * @throws IllegalArgumentException if {@code topN} is outside 1..100000
         */
        public Builder topN(int topN) {
            if (topN < 1 || topN > 100_000) {
                throw new IllegalArgumentException("topN must be between 1 and 100000, but was " + topN);
            }
            this.topN = topN;
            return this;
        }

        /**
         * Executions taking at least this long are logged as slow (default 1 s; zero logs every statement).
         *
         * @throws IllegalArgumentException if {@code threshold} is negative
         * @throws NullPointerException if {@code threshold} is null
         */
        public Builder slowThreshold(Duration threshold) {
            Objects.requireNonNull(threshold, "threshold");
            if (threshold.isNegative()) {
                throw new IllegalArgumentException("slowThreshold must be >= 0, but was " + threshold);
            }
            this.slowThreshold = threshold;
            return this;
        }

        /**
         * Captures plans of slow statements with connections from this DataSource, off the query's thread.
         *
         * @throws NullPointerException if {@code dataSource} is null
         */
        public Builder explainWith(DataSource dataSource) {
            this.explainDataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * The EXPLAIN syntax and plan analysis to use (default {@link ExplainDialect#postgres()}).
         *
         * @throws NullPointerException if {@code dialect} is null
         */
        public Builder dialect(ExplainDialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * The shortest time between two plan captures of one fingerprint (default 10 min).
         *
         * @throws IllegalArgumentException if {@code interval} is negative
         * @throws NullPointerException if {@code interval} is null
         */
        public Builder explainInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("explainInterval must be >= 0, but was " + interval);
            }
            this.explainInterval = interval;
            return this;
        }

        /**
         * The nanosecond clock for the explain interval (default {@link System#nanoTime()}); for tests.
         *
         * @throws NullPointerException if {@code ticker} is null
         */
        public Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Receives slow-query, plan and N+1 events (default {@link QueryEventListener#NONE}).
         *
         * @throws NullPointerException if {@code listener} is null
         */
        public Builder eventListener(QueryEventListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Builds the instrumentation; starts the plan-capture thread only if {@link #explainWith} was set. */
        public QueryInstrumentation build() {
            return new QueryInstrumentation(this);
        }
    }
}
