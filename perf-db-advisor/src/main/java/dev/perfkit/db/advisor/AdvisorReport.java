package dev.perfkit.db.advisor;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of one advisor run: validated index recommendations, the maintenance reports and the statements
 * that could not be analysed. Immutable; render it with {@link #toJson()} (the CLI's contract) or
 * {@link #toText()}.
 *
 * <pre>{@code
 * AdvisorReport report = IndexAdvisor.builder().build().advise(connection, workload);
 * report.recommendations().forEach(r -> System.out.println(r.ddl()));
 * }</pre>
 *
 * @param mode which what-if mode ran
 * @param recommendations indexes to create, in the order they were chosen
 * @param unusedIndexes indexes never scanned since the statistics were reset
 * @param duplicateIndexes indexes whose work another index already does
 * @param missingForeignKeyIndexes foreign keys whose referencing columns no index supports, existing or
 *     recommended (a recommendation whose leading columns are the key's columns covers it)
 * @param invalidIndexes indexes left invalid by a failed concurrent build
 * @param skipped statements that were not analysed, with the reason
 */
public record AdvisorReport(
        WhatIfMode mode,
        List<Recommendation> recommendations,
        List<UnusedIndex> unusedIndexes,
        List<DuplicateIndex> duplicateIndexes,
        List<MissingForeignKeyIndex> missingForeignKeyIndexes,
        List<InvalidIndex> invalidIndexes,
        List<Skipped> skipped) {

    /** Copies the lists. */
    public AdvisorReport {
        recommendations = List.copyOf(recommendations);
        unusedIndexes = List.copyOf(unusedIndexes);
        duplicateIndexes = List.copyOf(duplicateIndexes);
        missingForeignKeyIndexes = List.copyOf(missingForeignKeyIndexes);
        invalidIndexes = List.copyOf(invalidIndexes);
        skipped = List.copyOf(skipped);
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

    /**
     * A recommended index, proven by the planner to lower the cost of the listed queries.
     *
     * @param table schema-qualified table
     * @param columns key columns in index order
     * @param include INCLUDE columns (for index-only scans), possibly empty
     * @param where partial-index predicate, or null
     * @param ddl the {@code CREATE INDEX CONCURRENTLY} statement
     * @param workloadCostBefore weighted workload cost before this index (with the earlier recommendations)
     * @param workloadCostAfter weighted workload cost with this index added
     * @param queries fingerprints of the queries whose plans use it
     */
    public record Recommendation(
            String table,
            List<String> columns,
            List<String> include,
            @Nullable String where,
            String ddl,
            double workloadCostBefore,
            double workloadCostAfter,
            List<String> queries) {
        /** Copies the lists. */
        public Recommendation {
            columns = List.copyOf(columns);
            include = List.copyOf(include);
            queries = List.copyOf(queries);
        }
    }

    /**
     * An index with no scans since the statistics were reset (never a primary key, unique or constraint index).
     *
     * @param index schema-qualified index
     * @param table schema-qualified table
     * @param sizeBytes its size on disk
     * @param ddl the {@code DROP INDEX CONCURRENTLY} statement
     */
    public record UnusedIndex(String index, String table, long sizeBytes, String ddl) {}

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
