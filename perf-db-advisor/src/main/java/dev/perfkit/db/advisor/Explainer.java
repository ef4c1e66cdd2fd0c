package dev.perfkit.db.advisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.db.internal.SqlLexer;
import dev.perfkit.db.internal.SqlToken;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.core.BaseStatement;
import org.postgresql.core.QueryExecutor;

/**
 * Runs {@code EXPLAIN (VERBOSE, FORMAT JSON)} for a statement and returns its top plan node. Statements with
 * {@code $n} parameters get a generic plan: {@code GENERIC_PLAN} on PostgreSQL 16+, else PREPARE and EXECUTE
 * with NULLs under {@code plan_cache_mode = force_generic_plan} (set by {@link #open}).
 */
final class Explainer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREPARED = "perfkit_advisor_q";
    private long prepared;

    private final Connection connection;
    private final boolean genericPlanOption;

    private Explainer(Connection connection, boolean genericPlanOption) {
        this.connection = connection;
        this.genericPlanOption = genericPlanOption;
    }

    static Explainer open(Connection connection) throws SQLException {
        boolean pg16 = connection.getMetaData().getDatabaseMajorVersion() >= 16;
        if (!pg16) {
            try (Statement st = connection.createStatement()) {
                st.execute("SET plan_cache_mode = force_generic_plan");
            }
        }
        return new Explainer(connection, pg16);
    }

    void close() throws SQLException {
        if (!genericPlanOption) {
            try (Statement st = connection.createStatement()) {
                st.execute("RESET plan_cache_mode");
            }
        }
    }

    /** The plan's top node ({@code "Plan"}), with "Total Cost", "Plans" and the conditions. */
    JsonNode plan(String sql) throws SQLException {
        int params = parameterCount(sql);
        try (Statement st = connection.createStatement()) {
            if (params == 0) {
                return read(st, "EXPLAIN (VERBOSE, FORMAT JSON) " + sql);
            }
            if (genericPlanOption) {
                return genericPlan(sql);
            }
            String name = PREPARED + prepared++;
            st.execute("PREPARE " + name + " AS " + sql);
            try {
                String args = String.join(", ", java.util.Collections.nCopies(params, "NULL"));
                return read(st, "EXPLAIN (VERBOSE, FORMAT JSON) EXECUTE " + name + "(" + args + ")");
            } finally {
                deallocate(name);
            }
        }
    }

    /**
     * {@code EXPLAIN (GENERIC_PLAN)} in the simple query protocol: in the extended protocol (JDBC's default) the
     * server would take the statement's {@code $n} as protocol parameters and ask for values.
     */
    private JsonNode genericPlan(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            BaseStatement pg = st.unwrap(BaseStatement.class);
            pg.executeWithFlags(
                    "EXPLAIN (GENERIC_PLAN, VERBOSE, FORMAT JSON) " + sql, QueryExecutor.QUERY_EXECUTE_AS_SIMPLE);
            try (ResultSet rs = pg.getResultSet()) {
                return parse(rs);
            }
        }
    }

    private void deallocate(String name) {
        try (Statement st = connection.createStatement()) {
            st.execute("DEALLOCATE " + name);
        } catch (SQLException e) {
            // Inside an aborted what-if transaction DEALLOCATE fails too; the unique name keeps the next PREPARE free.
            return;
        }
    }

    private static JsonNode read(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return parse(rs);
        }
    }

    private static JsonNode parse(ResultSet rs) throws SQLException {
        rs.next();
        try {
            return JSON.readTree(rs.getString(1)).get(0).get("Plan");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("unreadable EXPLAIN output: " + e.getOriginalMessage(), e);
        }
    }

    /** The highest {@code $n} outside literals, identifiers and comments, read with perf-db's shared lexer. */
    static int parameterCount(String sql) {
        int max = 0;
        for (SqlToken token : SqlLexer.tokens(sql)) {
            if (token.kind() == SqlToken.Kind.POSITIONAL_PARAMETER
                    && token.text().length() <= 5) {
                max = Math.max(max, Integer.parseInt(token.text().substring(1)));
            }
        }
        return max;
    }
}
