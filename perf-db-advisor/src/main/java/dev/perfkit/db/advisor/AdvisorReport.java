package dev.perfkit.db.advisor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of one advisor run: validated index recommendations, the maintenance reports and the statements
 * that could not be analysed. Immutable; render it with {@link #toJson()} (the CLI's contract) or
 * {@link #toText()}. A final class rather than a record, so that later sections do not change its
 * construction; the findings of the maintenance reports are records, each naming a catalog object.
 *
 * <pre>{@code
 * AdvisorReport report = IndexAdvisor.builder().build().advise(connection, workload);
 * report.recommendations().forEach(r -> System.out.println(r.ddl()));
 * }</pre>
 */
public final class AdvisorReport {
    private final WhatIfMode mode;
    private final List<Recommendation> recommendations;
    private final List<UnusedIndex> unusedIndexes;
    private final List<DuplicateIndex> duplicateIndexes;
    private final List<MissingForeignKeyIndex> missingForeignKeyIndexes;
    private final List<InvalidIndex> invalidIndexes;
    private final List<Skipped> skipped;
    private final List<StaleTable> staleTables;

    AdvisorReport(
            WhatIfMode mode,
            List<Recommendation> recommendations,
            List<UnusedIndex> unusedIndexes,
            List<DuplicateIndex> duplicateIndexes,
            List<MissingForeignKeyIndex> missingForeignKeyIndexes,
            List<InvalidIndex> invalidIndexes,
            List<Skipped> skipped,
            List<StaleTable> staleTables) {
        this.mode = mode;
        this.recommendations = List.copyOf(recommendations);
        this.unusedIndexes = List.copyOf(unusedIndexes);
        this.duplicateIndexes = List.copyOf(duplicateIndexes);
        this.missingForeignKeyIndexes = List.copyOf(missingForeignKeyIndexes);
        this.invalidIndexes = List.copyOf(invalidIndexes);
        this.skipped = List.copyOf(skipped);
        this.staleTables = List.copyOf(staleTables);
    }

    /**
     * Tables the workload reads whose statistics are stale or that hold many dead tuples: the planner's costs, and
     * so the recommendations, may change once they are analysed or vacuumed. Run the suggested statement and ask
     * again before trusting the advice for them.
     *
     * @return an unmodifiable list
     */
    public List<StaleTable> staleTables() {
        return staleTables;
    }

    /**
     * Which what-if mode ran.
     *
     * @return HYPOPG or TRANSACTIONAL
     */
    public WhatIfMode mode() {
        return mode;
    }

    /**
     * Indexes to create, in the order they were chosen.
     *
     * @return an unmodifiable list
     */
    public List<Recommendation> recommendations() {
        return recommendations;
    }

    /**
     * Indexes never scanned since the statistics were reset, observed for at least the configured window
     * ({@link IndexAdvisor.Builder#unusedIndexWindow}); a duplicate pair is only in {@link #duplicateIndexes()},
     * once, as its covered index.
     *
     * @return an unmodifiable list
     */
    public List<UnusedIndex> unusedIndexes() {
        return unusedIndexes;
    }

    /**
     * Indexes whose work another index already does.
     *
     * @return an unmodifiable list
     */
    public List<DuplicateIndex> duplicateIndexes() {
        return duplicateIndexes;
    }

    /**
     * Foreign keys whose referencing columns no index supports, existing or recommended (a recommendation
     * whose leading columns are the key's columns covers it).
     *
     * @return an unmodifiable list
     */
    public List<MissingForeignKeyIndex> missingForeignKeyIndexes() {
        return missingForeignKeyIndexes;
    }

    /**
     * Indexes left invalid by a failed concurrent build.
     *
     * @return an unmodifiable list
     */
    public List<InvalidIndex> invalidIndexes() {
        return invalidIndexes;
    }

    /**
     * Statements that were not analysed, with the reason.
     *
     * @return an unmodifiable list
     */
    public List<Skipped> skipped() {
        return skipped;
    }

    /**
     * The report as one JSON object, exactly the CLI's {@code --format json} output.
     *
     * @return the JSON text
     */
    public String toJson() {
        return ReportWriter.json(this);
    }

    /**
     * The report as a readable multi-line text, the CLI's {@code --format text} output.
     *
     * @return the text
     */
    public String toText() {
        return ReportWriter.text(this);
    }

    /** A recommended index, proven by the planner to lower the cost of the listed queries. */
    public static final class Recommendation {
        private final String table;
        private final List<String> columns;
        private final List<String> include;
        private final @Nullable String where;
        private final String ddl;
        private final double workloadCostBefore;
        private final double workloadCostAfter;
        private final List<String> queries;
        private final long estimatedBytes;

        Recommendation(
                String table,
                List<String> columns,
                List<String> include,
                @Nullable String where,
                String ddl,
                double workloadCostBefore,
                double workloadCostAfter,
                List<String> queries,
                long estimatedBytes) {
            this.table = table;
            this.columns = List.copyOf(columns);
            this.include = List.copyOf(include);
            this.where = where;
            this.ddl = ddl;
            this.workloadCostBefore = workloadCostBefore;
            this.workloadCostAfter = workloadCostAfter;
            this.queries = List.copyOf(queries);
            this.estimatedBytes = estimatedBytes;
        }

        /**
         * The index's estimated size: key and INCLUDE widths from the column statistics over the rows it holds (for
         * a partial index, the rows the planner estimates its predicate keeps).
         *
         * @return bytes
         */
        public long estimatedBytes() {
            return estimatedBytes;
        }

        /**
         * The table the index is on.
         *
         * @return the schema-qualified table
         */
        public String table() {
            return table;
        }

        /**
         * The key columns.
         *
         * @return the key columns in index order
         */
        public List<String> columns() {
            return columns;
        }

        /**
         * INCLUDE columns, for index-only scans.
         *
         * @return the INCLUDE columns, possibly empty
         */
        public List<String> include() {
            return include;
        }

        /**
         * The partial-index predicate.
         *
         * @return the predicate, or null for a full index
         */
        public @Nullable String where() {
            return where;
        }

        /**
         * The statement that creates the index.
         *
         * @return the {@code CREATE INDEX CONCURRENTLY} statement
         */
        public String ddl() {
            return ddl;
        }

        /**
         * The weighted workload cost before this index, with the earlier recommendations.
         *
         * @return the planner's cost units, weighted by calls and time
         */
        public double workloadCostBefore() {
            return workloadCostBefore;
        }

        /**
         * The weighted workload cost with this index added.
         *
         * @return the planner's cost units, weighted by calls and time
         */
        public double workloadCostAfter() {
            return workloadCostAfter;
        }

        /**
         * The queries whose plans use the index.
         *
         * @return their fingerprints
         */
        public List<String> queries() {
            return queries;
        }

        @Override
        public String toString() {
            return ddl;
        }
    }

    /**
     * An index with no scans since the statistics were reset (never a primary key, unique or constraint index).
     *
     * @param index schema-qualified index
     * @param table schema-qualified table
     * @param sizeBytes its size on disk
     * @param ddl the {@code DROP INDEX CONCURRENTLY} statement
     * @param statsAge time since the database's statistics were reset, or null when they never were
     * @param indexAge time since the index's catalog row was written (created, reindexed or altered), or null when
     *     unknown (PostgreSQL knows it only with {@code track_commit_timestamp = on})
     */
    public record UnusedIndex(
            String index,
            String table,
            long sizeBytes,
            String ddl,
            @Nullable Duration statsAge,
            @Nullable Duration indexAge) {}

    /**
     * A table whose statistics are stale or whose dead-tuple ratio is high.
     *
     * @param table schema-qualified table
     * @param liveTuples live tuples (pg_stat_user_tables, summed over partitions)
     * @param deadTuples dead tuples
     * @param modifiedSinceAnalyze rows inserted, updated or deleted since the last ANALYZE
     * @param lastAnalyzed the oldest last ANALYZE (manual or automatic) of its partitions, or null when never
     * @param reason what is wrong, in words
     * @param ddl the statement to run before trusting the advice: {@code VACUUM (ANALYZE) t} or {@code ANALYZE t}
     */
    public record StaleTable(
            String table,
            long liveTuples,
            long deadTuples,
            long modifiedSinceAnalyze,
            @Nullable Instant lastAnalyzed,
            String reason,
            String ddl) {}

    /**
     * An index whose keys are a leading prefix of (or equal to) another's with the same method, predicate and
     * expressions.
     *
     * @param index schema-qualified redundant index
     * @param coveredBy schema-qualified index that does its work
     * @param ddl the {@code DROP INDEX CONCURRENTLY} statement
     */
    public record DuplicateIndex(String index, String coveredBy, String ddl) {}

    /**
     * A foreign key whose referencing columns are not the leading columns of any index.
     *
     * @param table schema-qualified referencing table
     * @param columns the foreign-key columns
     * @param ddl the {@code CREATE INDEX CONCURRENTLY} statement
     */
    public record MissingForeignKeyIndex(String table, List<String> columns, String ddl) {
        /** Copies the list. */
        public MissingForeignKeyIndex {
            columns = List.copyOf(columns);
        }
    }

    /**
     * An index marked invalid (a failed {@code CREATE INDEX CONCURRENTLY}): it costs writes and serves no reads.
     *
     * @param index schema-qualified index
     * @param table schema-qualified table
     * @param ddl the {@code DROP INDEX CONCURRENTLY} statement (recreate it afterwards if it is wanted)
     */
    public record InvalidIndex(String index, String table, String ddl) {}

    /**
     * A statement that was not analysed.
     *
     * @param query the statement's fingerprint text
     * @param reason why, for example the database's parse or EXPLAIN error
     */
    public record Skipped(String query, String reason) {}
}
