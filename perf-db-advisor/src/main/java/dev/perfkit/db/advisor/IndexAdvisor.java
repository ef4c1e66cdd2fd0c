package dev.perfkit.db.advisor;

import dev.perfkit.db.advisor.AdvisorReport.Recommendation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Recommends a small set of indexes for a whole workload, each proven by the planner (HypoPG or, opt-in, real
 * indexes in a rolled-back transaction), and reports unused, duplicate, invalid and missing foreign-key indexes.
 * It never changes the database; {@link #apply} does, and only when called.
 *
 * {@snippet class=dev.perfkit.db.advisor.snippets.IndexAdvisorSnippets region=basic}
 *
 * <p>Without HypoPG, opt in to building candidates inside rolled-back transactions, and follow the run:
 *
 * {@snippet class=dev.perfkit.db.advisor.snippets.IndexAdvisorSnippets region=transactional}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class IndexAdvisor {
    private final Builder config;

    private IndexAdvisor(Builder builder) {
        this.config = builder.copy();
    }

    /**
     * A builder with the defaults: HypoPG, at most 10 indexes, no size budget, minimum benefit 0.1% of the
     * workload cost, transactional-mode timeouts 2 s (locks) and 120 s (statements), unused-index window 7 days.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this advisor's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return config.copy();
    }

    /**
     * Analyses the workload on the connection's database and builds the report. The connection is used alone
     * (HypoPG's hypothetical indexes are per session) and is left in auto-commit mode.
     *
     * @param connection a connection to the database the workload runs on
     * @param workload the statements to optimise for; may be empty
     * @return the report
     * @throws NullPointerException if an argument is null
     * @throws AdvisorException if the database fails outside single statements, or HypoPG is required and missing
     */
    public AdvisorReport advise(Connection connection, Workload workload) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(workload, "workload");
        try {
            connection.setAutoCommit(true);
            if (config.mode == WhatIfMode.HYPOPG
                    && !workload.queries().isEmpty()
                    && !HypoPgWhatIf.available(connection)) {
                throw new AdvisorException(
                        "the HypoPG extension is not installed in this database: run CREATE EXTENSION "
                                + "hypopg, or opt in to the transactional mode (builds each candidate index inside a rolled-back "
                                + "transaction)",
                        null);
            }
            IndexReports reports = new IndexReports(connection);
            Analysis analysis =
                    new Analysis(connection, config.mode, config.lockTimeout, config.statementTimeout, config.listener);
            List<Recommendation> recommendations =
                    analysis.run(workload, config.maxIndexes, config.maxTotalBytes, config.minImprovement);
            List<AdvisorReport.DuplicateIndex> duplicates = reports.duplicates();
            return new AdvisorReport(
                    config.mode,
                    recommendations,
                    reports.unused(config.unusedIndexWindow, duplicates),
                    duplicates,
                    uncovered(reports.missingForeignKeys(), recommendations),
                    reports.invalid(),
                    analysis.skipped(),
                    reports.stale(analysis.tables()));
        } catch (SQLException e) {
            throw new AdvisorException("index advisor failed: " + e.getMessage(), e);
        }
    }

    /**
     * The foreign keys that no recommended index supports: a recommendation on the same table, without a
     * predicate, whose leading columns are the foreign key's columns (in any order) satisfies the report, so
     * applying both never builds a redundant index.
     */
    static List<AdvisorReport.MissingForeignKeyIndex> uncovered(
            List<AdvisorReport.MissingForeignKeyIndex> missing, List<Recommendation> recommendations) {
        return missing.stream()
                .filter(fk -> recommendations.stream()
                        .noneMatch(r -> r.where() == null
                                && r.table().equals(fk.table())
                                && r.columns().size() >= fk.columns().size()
                                && java.util.Set.copyOf(r.columns()
                                                .subList(0, fk.columns().size()))
                                        .equals(java.util.Set.copyOf(fk.columns()))))
                .toList();
    }

    /**
     * Creates the report's recommended indexes with {@code CREATE INDEX CONCURRENTLY}, one by one, outside a
     * transaction (the connection is switched to auto-commit).
     *
     * @param connection a connection to the database the report was made for
     * @param report the report
     * @return the statements executed
     * @throws NullPointerException if an argument is null
     * @throws AdvisorException if a statement fails (the earlier ones stay applied; a failed concurrent build
     *     leaves an invalid index that the next report lists)
     */
    public List<String> apply(Connection connection, AdvisorReport report) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(report, "report");
        List<String> done = new ArrayList<>();
        try {
            connection.setAutoCommit(true);
            try (Statement st = connection.createStatement()) {
                for (Recommendation r : report.recommendations()) {
                    st.execute(r.ddl());
                    done.add(r.ddl());
                }
            }
        } catch (SQLException e) {
            throw new AdvisorException(
                    "applying index recommendations failed after " + done.size() + " of "
                            + report.recommendations().size() + ": " + e.getMessage(),
                    e);
        }
        return done;
    }

    /**
     * Settings of an {@link IndexAdvisor}; each setter validates its value at once.
     *
     * <pre>{@code
     * IndexAdvisor a = IndexAdvisor.builder().whatIf(WhatIfMode.TRANSACTIONAL).maxIndexes(3).build();
     * }</pre>
     */
    public static final class Builder {
        private WhatIfMode mode = WhatIfMode.HYPOPG;
        private int maxIndexes = 10;
        private long maxTotalBytes = Long.MAX_VALUE;
        private double minImprovement = 0.001;
        private Duration lockTimeout = Duration.ofSeconds(2);
        private Duration statementTimeout = Duration.ofMinutes(2);
        private AdvisorListener listener = AdvisorListener.NONE;
        private Duration unusedIndexWindow = Duration.ofDays(7);

        private Builder() {}

        private Builder copy() {
            Builder b = new Builder();
            b.mode = mode;
            b.maxIndexes = maxIndexes;
            b.maxTotalBytes = maxTotalBytes;
            b.minImprovement = minImprovement;
            b.lockTimeout = lockTimeout;
            b.statementTimeout = statementTimeout;
            b.listener = listener;
            b.unusedIndexWindow = unusedIndexWindow;
            return b;
        }

        /**
         * How candidates are costed.
         *
         * @param mode HYPOPG (default) or the opt-in TRANSACTIONAL mode, which builds indexes
         * @return this builder
         * @throws NullPointerException if {@code mode} is null
         */
        public Builder whatIf(WhatIfMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * The most indexes to recommend.
         *
         * @param maxIndexes 1 to 1000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxIndexes(int maxIndexes) {
            if (maxIndexes < 1 || maxIndexes > 1000) {
                throw new IllegalArgumentException("maxIndexes must be between 1 and 1000, but was " + maxIndexes);
            }
            this.maxIndexes = maxIndexes;
            return this;
        }

        /**
         * The most estimated bytes all recommended indexes may take together.
         *
         * @param maxTotalBytes greater than 0
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxTotalBytes(long maxTotalBytes) {
            if (maxTotalBytes <= 0) {
                throw new IllegalArgumentException("maxTotalBytes must be greater than 0, but was " + maxTotalBytes);
            }
            this.maxTotalBytes = maxTotalBytes;
            return this;
        }

        /**
         * The smallest workload cost reduction, as a fraction of the whole workload's cost, an index must bring.
         *
         * @param minImprovement from 0 (inclusive) to 1 (exclusive)
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder minImprovement(double minImprovement) {
            if (!(minImprovement >= 0 && minImprovement < 1)) {
                throw new IllegalArgumentException("minImprovement must be >= 0 and < 1, but was " + minImprovement);
            }
            this.minImprovement = minImprovement;
            return this;
        }

        /**
         * Timeouts of the transactional mode: how long to wait for a table lock, and for each statement.
         *
         * @param lockTimeout from 1 ms to 1 hour
         * @param statementTimeout from 1 ms to 1 hour
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if out of range
         */
        public Builder transactionTimeouts(Duration lockTimeout, Duration statementTimeout) {
            this.lockTimeout = checkTimeout("lockTimeout", lockTimeout);
            this.statementTimeout = checkTimeout("statementTimeout", statementTimeout);
            return this;
        }

        /**
         * Who is told of the run's progress (statements analysed, candidates costed); none by default.
         *
         * @param listener called on the thread that runs {@link IndexAdvisor#advise}
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         */
        public Builder listener(AdvisorListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * How long an index must have been observed without a scan before the report calls it unused: the time since
         * the statistics were reset or since the index was created (where PostgreSQL knows it), whichever is
         * shorter. Default 7 days, so that weekly jobs count.
         *
         * @param window from 0 to 3650 days
         * @return this builder
         * @throws NullPointerException if {@code window} is null
         * @throws IllegalArgumentException if out of range
         */
        public Builder unusedIndexWindow(Duration window) {
            Objects.requireNonNull(window, "unusedIndexWindow");
            if (window.isNegative() || window.compareTo(Duration.ofDays(3650)) > 0) {
                throw new IllegalArgumentException(
                        "unusedIndexWindow must be between 0 and 3650 days, but was " + window);
            }
            this.unusedIndexWindow = window;
            return this;
        }

        private static Duration checkTimeout(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.toMillis() < 1 || value.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException(name + " must be between 1 ms and 1 hour, but was " + value);
            }
            return value;
        }

        /**
         * Builds the advisor.
         *
         * @return the advisor
         */
        public IndexAdvisor build() {
            return new IndexAdvisor(this);
        }
    }
}
