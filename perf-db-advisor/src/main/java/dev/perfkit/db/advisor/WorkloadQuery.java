package dev.perfkit.db.advisor;

import java.util.Objects;

/**
 * One statement of a workload with how often it ran and how long it took in total, the advisor's unit of input.
 *
 * <pre>{@code
 * WorkloadQuery q = new WorkloadQuery("SELECT * FROM orders WHERE customer_id = $1", 1200, 5400.0);
 * }</pre>
 *
 * <p>Statements may use {@code $1}-style parameters; they are costed with a generic plan. A {@code totalTimeMillis}
 * of 0 means "unknown": the query is then weighted by its calls and planner cost alone.
 *
 * @param sql the statement text
 * @param calls how many times it ran, at least 1
 * @param totalTimeMillis total execution time in milliseconds, 0 when unknown
 */
public record WorkloadQuery(String sql, long calls, double totalTimeMillis) {

    /**
     * Validates the values.
     *
     * @throws NullPointerException if {@code sql} is null
     * @throws IllegalArgumentException if {@code calls} is below 1 or {@code totalTimeMillis} is negative or not finite
     */
    public WorkloadQuery {
        Objects.requireNonNull(sql, "sql");
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1, but was " + calls);
        }
        if (!(totalTimeMillis >= 0) || Double.isInfinite(totalTimeMillis)) {
            throw new IllegalArgumentException(
                    "totalTimeMillis must be a finite value >= 0, but was " + totalTimeMillis);
        }
    }

    /**
     * A statement that ran once with unknown time (a line of a SQL file).
     *
     * @param sql the statement text
     * @return the query
     * @throws NullPointerException if {@code sql} is null
     */
    public static WorkloadQuery of(String sql) {
        return new WorkloadQuery(sql, 1, 0);
    }
}
