package dev.perfkit.db.plan;

import dev.perfkit.db.internal.BindMarkers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** PostgreSQL: EXPLAIN (FORMAT JSON), ANALYZE only for read-only queries, GENERIC_PLAN on 16+. */
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
        String statement = stripTrailingSemicolon(sql);
        String first = firstWord(statement);
        if (!EXPLAINABLE.contains(first) || statement.indexOf(';') >= 0) {
            return Optional.empty();
        }
        BindMarkers markers = BindMarkers.toPositional(statement);
        if (markers.count > 0) {
            return analyze ? Optional.empty() : Optional.of(genericPlan(connection, markers));
        }
        if (analyze
                && READ_ONLY.contains(first)
                && !statement.toLowerCase(Locale.ROOT).contains("for update")) {
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
     * A generic plan for SQL with bind markers: PREPARE with inferred parameter types, then EXPLAIN EXECUTE
     * with NULLs under plan_cache_mode = force_generic_plan (PostgreSQL 12+), so the values do not matter
     * and nothing is executed. The prepared statement and the setting are always undone.
     */
    private ExplainedPlan genericPlan(Connection connection, BindMarkers markers) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET plan_cache_mode = force_generic_plan");
            try {
                st.execute("PREPARE " + PREPARED + " AS " + markers.sql);
                try {
                    String nulls = String.join(", ", java.util.Collections.nCopies(markers.count, "NULL"));
                    return run(connection, "EXPLAIN (FORMAT JSON) EXECUTE " + PREPARED + "(" + nulls + ")", false);
                } finally {
                    st.execute("DEALLOCATE " + PREPARED);
                }
            } finally {
                st.execute("RESET plan_cache_mode");
            }
        }
    }

    private ExplainedPlan run(Connection connection, String explain, boolean analyzed) throws SQLException {
        String json;
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(explain)) {
            StringBuilder sb = new StringBuilder();
            while (rs.next()) {
                sb.append(rs.getString(1));
            }
            json = sb.toString();
        }
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

    private static String stripTrailingSemicolon(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /** The first keyword, after leading comments and parentheses, lower-cased. */
    static String firstWord(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toLowerCase(Locale.ROOT);
    }
}
