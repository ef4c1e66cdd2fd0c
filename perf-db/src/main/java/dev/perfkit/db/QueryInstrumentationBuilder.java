package dev.perfkit.db;

import dev.perfkit.db.plan.ExplainDialect;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

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
public final class QueryInstrumentationBuilder {
    int topN = 200;
    Duration slowThreshold = Duration.ofSeconds(1);

    @Nullable
    DataSource explainDataSource;

    ExplainDialect dialect = ExplainDialect.postgres();
    Duration explainInterval = Duration.ofMinutes(10);
    LongSupplier ticker = System::nanoTime;
    QueryEventListener listener = QueryEventListener.NONE;

    QueryInstrumentationBuilder() {}

    /**
     * How many fingerprints to keep by total time; the rest are folded into "other" (default 200).
     *
     * @throws IllegalArgumentException if {@code topN} is outside 1..100000
     */
    public QueryInstrumentationBuilder topN(int topN) {
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
    public QueryInstrumentationBuilder slowThreshold(Duration threshold) {
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
    public QueryInstrumentationBuilder explainWith(DataSource dataSource) {
        this.explainDataSource = Objects.requireNonNull(dataSource, "dataSource");
        return this;
    }

    /**
     * The EXPLAIN syntax and plan analysis to use (default {@link ExplainDialect#postgres()}).
     *
     * @throws NullPointerException if {@code dialect} is null
     */
    public QueryInstrumentationBuilder dialect(ExplainDialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        return this;
    }

    /**
     * The shortest time between two plan captures of one fingerprint (default 10 min).
     *
     * @throws IllegalArgumentException if {@code interval} is negative
     * @throws NullPointerException if {@code interval} is null
     */
    public QueryInstrumentationBuilder explainInterval(Duration interval) {
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
    public QueryInstrumentationBuilder ticker(LongSupplier ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /**
     * Receives slow-query, plan and N+1 events (default {@link QueryEventListener#NONE}).
     *
     * @throws NullPointerException if {@code listener} is null
     */
    public QueryInstrumentationBuilder eventListener(QueryEventListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Builds the instrumentation; starts the plan-capture thread only if {@link #explainWith} was set. */
    public QueryInstrumentation build() {
        return new QueryInstrumentation(this);
    }
}
