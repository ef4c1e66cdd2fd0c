package dev.perfkit.db.plan;

import java.util.Objects;

/**
 * One problem found in a query plan, naming the node and the numbers behind it.
 *
 * <pre>{@code
 * for (PlanFinding f : PostgresPlanAnalyzer.defaults().analyze(planJson)) {
 *   System.out.println(f.kind() + " at " + f.node() + ": " + f.message());
 * }
 * }</pre>
 *
 * @param kind what kind of problem
 * @param node the plan node, such as {@code "Seq Scan on orders"}
 * @param message a sentence with the numbers, such as {@code "removed 99000 rows by filter, returned 10"}
 */
public record PlanFinding(Kind kind, String node, String message) {

    /** The kinds of problem the analyzer reports. */
    public enum Kind {
        /** A sequential scan of a large table under a filter that keeps few rows. */
        SEQ_SCAN_SELECTIVE,
        /** A node whose filter discards far more rows than it returns (ANALYZE only). */
        ROWS_REMOVED_BY_FILTER,
        /** The planner's row estimate is off by the configured factor or more (ANALYZE only). */
        ESTIMATE_ERROR,
        /** A sort that ran out of work_mem and spilled to disk (ANALYZE only). */
        SORT_SPILL,
        /** A hash or hash aggregate that needed several batches or disk (ANALYZE only). */
        HASH_SPILL,
        /** A nested loop whose outer input is large. */
        NESTED_LOOP_LARGE_OUTER
    }

    /**
     * Validates the finding.
     *
     * @throws NullPointerException if an argument is null
     */
    public PlanFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return kind + " at " + node + ": " + message;
    }
}
