package dev.perfkit.db.junit;

import dev.perfkit.db.QueryScope;
import dev.perfkit.db.internal.SqlStatements;
import dev.perfkit.db.plan.ExplainDialect;
import dev.perfkit.db.plan.ExplainedPlan;
import java.lang.reflect.AnnotatedElement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts every test in a {@link QueryScope} and fails a test that runs more statements than its budget,
 * listing them. Statements are seen through a {@link dev.perfkit.db.QueryInstrumentation} (jOOQ listener
 * or wrapped DataSource) that the code under test uses. With {@link #explainWith}, a test can also assert
 * that none of its statements scanned a table of more than N rows sequentially.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final QueryBudgetExtension QUERIES = QueryBudgetExtension.maxStatements(10).explainWith(dataSource);
 *
 * @Test
 * void listingOrdersIsCheap() {
 *   service.listOrders();
 *   QUERIES.assertNoSeqScanAbove(10_000);
 * }
 * }</pre>
 */
public final class QueryBudgetExtension implements BeforeEachCallback, AfterEachCallback {
    private static final Set<String> QUERIES =
            Set.of("select", "values", "table", "with", "insert", "update", "delete", "merge");
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(QueryBudgetExtension.class);

    private final int budget;
    private final @Nullable DataSource explainDataSource;
    private final ExplainDialect dialect;

    private QueryBudgetExtension(int budget, @Nullable DataSource explainDataSource, ExplainDialect dialect) {
        this.budget = budget;
        this.explainDataSource = explainDataSource;
        this.dialect = dialect;
    }

    /**
     * An extension whose tests may run at most {@code budget} statements each (unless annotated with
     * {@link StatementBudget}).
     *
     * @throws IllegalArgumentException if {@code budget} is negative
     */
    public static QueryBudgetExtension maxStatements(int budget) {
        return new QueryBudgetExtension(checkBudget(budget), null, ExplainDialect.postgres());
    }

    /**
     * A copy that explains statements with connections from {@code dataSource} for
     * {@link #assertNoSeqScanAbove}.
     *
     * @throws NullPointerException if {@code dataSource} is null
     */
    public QueryBudgetExtension explainWith(DataSource dataSource) {
        return new QueryBudgetExtension(budget, Objects.requireNonNull(dataSource, "dataSource"), dialect);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put(QueryScope.class, QueryScope.open(1_000_000));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        QueryScope scope = context.getStore(NS).remove(QueryScope.class, QueryScope.class);
        if (scope == null) {
            return;
        }
        scope.close();
        int allowed = budgetFor(context);
        if (scope.statementCount() > allowed) {
            StringBuilder sb = new StringBuilder("statement budget exceeded: ")
                    .append(scope.statementCount())
                    .append(" statements, budget ")
                    .append(allowed)
                    .append(':');
            List<QueryScope.ScopedStatement> statements = scope.statements();
            for (int i = 0; i < statements.size(); i++) {
                sb.append("\n  ")
                        .append(i + 1)
                        .append(". ")
                        .append(statements.get(i).sql());
            }
            if (statements.size() < scope.statementCount()) {
                sb.append("\n  ... and ")
                        .append(scope.statementCount() - statements.size())
                        .append(" more");
            }
            throw new AssertionError(sb.toString());
        }
    }

    /**
     * Fails when a statement run so far in the current test read a table of more than {@code rows} rows by
     * a sequential scan. Read-only queries are re-run with EXPLAIN ANALYZE (in a rolled-back transaction);
     * statements with bind markers (a {@code PreparedStatement}'s SQL) get a generic plan, and other
     * statements are explained without running them; both are judged by the table's catalog size. A query
     * that cannot be explained (EXPLAIN fails, or several statements in one string) fails the assertion
     * too, listed as such: it is never counted as a pass. SET, BEGIN, DDL and the like are not queries.
     *
     * @throws IllegalArgumentException if {@code rows} is negative
     * @throws IllegalStateException if no DataSource was given with {@link #explainWith}, or this is not
     *     called inside a test of this extension
     * @throws AssertionError listing each offending statement, relation and row count
     */
    public void assertNoSeqScanAbove(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, but was " + rows);
        }
        DataSource ds = explainDataSource;
        if (ds == null) {
            throw new IllegalStateException("assertNoSeqScanAbove needs explainWith(dataSource) on the extension");
        }
        QueryScope scope = QueryScope.current()
                .orElseThrow(() -> new IllegalStateException(
                        "assertNoSeqScanAbove must be called inside a test run with this extension"));
        Set<String> distinct = new LinkedHashSet<>();
        scope.statements().forEach(s -> distinct.add(s.sql()));
        List<String> offenders = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        try (Connection connection = ds.getConnection()) {
            for (String sql : distinct) {
                Optional<ExplainedPlan> plan;
                try {
                    plan = dialect.explain(connection, sql, true);
                } catch (SQLException e) {
                    unexplained.add(sql + "\n    EXPLAIN failed: " + e.getMessage());
                    continue;
                }
                if (plan.isEmpty()) {
                    if (isQuery(sql)) {
                        unexplained.add(sql + "\n    not a single statement the dialect can explain");
                    }
                    continue;
                }
                for (Map.Entry<String, Long> scan : plan.get().seqScanRows().entrySet()) {
                    if (scan.getValue() > rows) {
                        offenders.add(
                                sql + "\n    seq scan on " + scan.getKey() + " over " + scan.getValue() + " rows");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not connect to explain the test's statements: " + e.getMessage(), e);
        }
        if (!offenders.isEmpty() || !unexplained.isEmpty()) {
            StringBuilder message = new StringBuilder();
            if (!offenders.isEmpty()) {
                message.append("sequential scans above ")
                        .append(rows)
                        .append(" rows:\n  ")
                        .append(String.join("\n  ", offenders));
            }
            if (!unexplained.isEmpty()) {
                message.append(message.length() == 0 ? "" : "\n")
                        .append(
                                "statements that could not be explained, so not shown to be free of sequential scans:\n  ")
                        .append(String.join("\n  ", unexplained));
            }
            throw new AssertionError(message.toString());
        }
    }

    /** A query or DML statement (or several statements in one string), as opposed to SET, BEGIN, DDL... */
    private static boolean isQuery(String sql) {
        return SqlStatements.hasSeveralStatements(sql) || QUERIES.contains(SqlStatements.firstKeyword(sql));
    }

    private int budgetFor(ExtensionContext context) {
        Optional<StatementBudget> own = context.getElement().flatMap(QueryBudgetExtension::annotation);
        Optional<StatementBudget> ofClass = context.getTestClass().flatMap(QueryBudgetExtension::annotation);
        return own.or(() -> ofClass).map(a -> checkBudget(a.value())).orElse(budget);
    }

    private static Optional<StatementBudget> annotation(AnnotatedElement element) {
        return Optional.ofNullable(element.getAnnotation(StatementBudget.class));
    }

    private static int checkBudget(int budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("statement budget must be >= 0, but was " + budget);
        }
        return budget;
    }
}
