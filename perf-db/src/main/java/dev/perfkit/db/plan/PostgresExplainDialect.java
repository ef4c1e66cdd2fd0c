package dev.perfkit.db.plan;

import dev.perfkit.db.internal.BindMarkers;
import dev.perfkit.db.internal.SqlLexer;
import dev.perfkit.db.internal.SqlStatements;
import dev.perfkit.db.internal.SqlToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL: EXPLAIN (FORMAT JSON), ANALYZE only for read-only queries without parameters, a generic plan
 * (PREPARE + force_generic_plan) for statements with parameters. Statements are read with the shared {@link SqlLexer}.
 */
final class PostgresExplainDialect implements ExplainDialect {
    private static final Set<String> READ_ONLY = Set.of("select", "values", "table");
    private static final Set<String> EXPLAINABLE =
            Set.of("select", "values", "table", "with", "insert", "update", "delete", "merge");

    private static final String PREPARED = "perfkit_explain_generic";

    private final PostgresPlanAnalyzer analyzer;

    PostgresExplainDialect(PostgresPlanAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public Optional<ExplainedPlan> explain(Connection connection, String sql, boolean analyze) throws SQLException {
        List<String> statements = SqlStatements.split(sql);
        if (statements.size() != 1) {
            return Optional.empty();
        }
        String statement = statements.get(0);
        String first = SqlStatements.firstKeyword(statement);
        if (!EXPLAINABLE.contains(first)) {
            return Optional.empty();
        }
        BindMarkers markers = BindMarkers.toPositional(statement);
        int parameters = Math.max(markers.count, highestPositionalParameter(markers.sql));
        if (parameters > 0) {
            return Optional.of(genericPlan(connection, markers.sql, parameters));
        }
        if (analyze && READ_ONLY.contains(first) && !locksRows(statement)) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                return Optional.of(run(connection, "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement, true));
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
        return Optional.of(run(connection, "EXPLAIN (FORMAT JSON) " + statement, false));
    }

    /**
     * A generic plan for SQL with parameters, so the values do not matter and nothing is executed: PREPARE
     * with inferred parameter types, then EXPLAIN EXECUTE with NULLs under
     * {@code plan_cache_mode = force_generic_plan} (PostgreSQL 12+). The prepared statement and the setting
     * are always undone. Not {@code EXPLAIN (GENERIC_PLAN)} on 16+: pgjdbc always uses the extended
     * protocol, where that statement's {@code $n} become its own parameters, which must be bound, and bound
     * values give a custom plan (tried: {@code id = $1} bound to NULL plans a constant-false Result).
     */
    private ExplainedPlan genericPlan(Connection connection, String positionalSql, int parameters) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET plan_cache_mode = force_generic_plan");
            try {
                st.execute("PREPARE " + PREPARED + " AS " + positionalSql);
                try {
                    String nulls = String.join(", ", Collections.nCopies(parameters, "NULL"));
                    return run(connection, "EXPLAIN (FORMAT JSON) EXECUTE " + PREPARED + "(" + nulls + ")", false);
                } finally {
                    st.execute("DEALLOCATE " + PREPARED);
                }
            } finally {
                st.execute("RESET plan_cache_mode");
            }
        }
    }

    private static int highestPositionalParameter(String sql) {
        int highest = 0;
        for (SqlToken token : SqlLexer.tokens(sql)) {
            if (token.kind() == SqlToken.Kind.POSITIONAL_PARAMETER
                    && token.text().length() <= 6) {
                highest = Math.max(highest, Integer.parseInt(token.text().substring(1)));
            }
        }
        return highest;
    }

    /** FOR UPDATE / FOR SHARE / FOR NO KEY UPDATE / FOR KEY SHARE: EXPLAIN ANALYZE would take row locks. */
    private static boolean locksRows(String sql) {
        List<SqlToken> tokens = SqlLexer.tokens(sql);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            SqlToken next = tokens.get(i + 1);
            if (tokens.get(i).isWord("for")
                    && (next.isWord("update") || next.isWord("share") || next.isWord("no") || next.isWord("key"))) {
                return true;
            }
        }
        return false;
    }

    private ExplainedPlan run(Connection connection, String explain, boolean analyzed) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(explain)) {
            while (rs.next()) {
                sb.append(rs.getString(1));
            }
        }
        String json = sb.toString();
        Map<String, Long> sizes = analyzed ? Map.of() : relationRows(connection, analyzer.seqScannedRelations(json));
        List<PlanFinding> findings = analyzer.analyze(json, sizes);
        return new ExplainedPlan(json, analyzed, findings, analyzer.seqScanRows(json, sizes));
    }

    /** Approximate row counts from the catalog: reltuples, or the live tuple count if never analyzed or vacuumed. */
    private static Map<String, Long> relationRows(Connection connection, Set<String> relations) throws SQLException {
        Map<String, Long> sizes = new HashMap<>();
        String sql =
                "select case when c.reltuples >= 0 then c.reltuples::bigint else coalesce(s.n_live_tup, 0) end from pg_class c "
                        + "left join pg_stat_user_tables s on s.relid = c.oid where c.oid = to_regclass(?)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (String relation : relations) {
                ps.setString(1, '"' + relation.replace("\"", "\"\"") + '"');
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        sizes.put(relation, rs.getLong(1));
                    }
                }
            }
        }
        return sizes;
    }
}
