package dev.perfkit.db.plan;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The database-specific part of plan capture: which statements are safe to explain, the EXPLAIN syntax,
 * and the analysis of the result. PostgreSQL is implemented by {@link #postgres()}.
 *
 * <pre>{@code
 * try (Connection c = dataSource.getConnection()) {
 *   ExplainDialect.postgres().explain(c, "select * from orders where note = 'x'", true)
 *       .ifPresent(plan -> plan.findings().forEach(System.out::println));
 * }
 * }</pre>
 */
public interface ExplainDialect {

    /** The PostgreSQL dialect with {@link PostgresPlanAnalyzer#defaults()}. */
    static ExplainDialect postgres() {
        return new PostgresExplainDialect(PostgresPlanAnalyzer.defaults());
    }

    /** The PostgreSQL dialect with the given analyzer. */
    static ExplainDialect postgres(PostgresPlanAnalyzer analyzer) {
        return new PostgresExplainDialect(analyzer);
    }

    /**
     * Explains {@code sql} on {@code connection}. Only statements that are safe to explain are: a single
     * SELECT, VALUES, WITH, INSERT, UPDATE, DELETE or MERGE. {@code analyze} executes only read-only queries
     * (SELECT, VALUES, TABLE), inside a transaction that is rolled back; other statements get a plain EXPLAIN
     * instead. SQL with {@code ?} bind markers is explained as a generic plan, and never with ANALYZE.
     *
     * @return the plan, or empty when the statement is not one this dialect will explain
     * @throws SQLException if the database rejects the EXPLAIN
     */
    Optional<ExplainedPlan> explain(Connection connection, String sql, boolean analyze) throws SQLException;
}
