package dev.perfkit.db.advisor;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Opt-in what-if costing without HypoPG: builds the candidates for real inside a transaction bounded by
 * {@code lock_timeout} and {@code statement_timeout}, EXPLAINs, and rolls back. Building reads the tables and
 * holds a SHARE lock (writes wait) while each index builds.
 */
final class TransactionalWhatIf implements WhatIf {
    private final Connection connection;
    private final Explainer explainer;
    private final Duration lockTimeout;
    private final Duration statementTimeout;
    private boolean open;

    TransactionalWhatIf(Connection connection, Explainer explainer, Duration lockTimeout, Duration statementTimeout) {
        this.connection = connection;
        this.explainer = explainer;
        this.lockTimeout = lockTimeout;
        this.statementTimeout = statementTimeout;
    }

    @Override
    public Map<String, Candidate> install(List<Candidate> configuration) throws SQLException {
        uninstall();
        connection.setAutoCommit(false);
        open = true;
        Map<String, Candidate> names = new HashMap<>();
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCAL lock_timeout = " + lockTimeout.toMillis());
            st.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
            int i = 0;
            for (Candidate c : configuration) {
                String name = "perfkit_whatif_" + i++;
                st.execute(c.createSql(false, name, c.table().name()));
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT c.relname FROM pg_partition_tree("
                                + "(SELECT x.oid FROM pg_class x WHERE x.relname = ? AND x.relnamespace ="
                                + " (SELECT relnamespace FROM pg_class WHERE oid = ?::oid))) t JOIN pg_class c ON c.oid = t.relid")) {
                    ps.setString(1, name);
                    ps.setLong(2, c.table().oid());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            names.put(rs.getString(1), c);
                        }
                    }
                }
                names.put(name, c);
            }
        }
        return names;
    }

    @Override
    public JsonNode explain(String sql) throws SQLException {
        if (!open) {
            return explainer.plan(sql);
        }
        Savepoint sp = connection.setSavepoint();
        try {
            JsonNode plan = explainer.plan(sql);
            connection.releaseSavepoint(sp);
            return plan;
        } catch (SQLException e) {
            connection.rollback(sp);
            throw e;
        }
    }

    @Override
    public void uninstall() throws SQLException {
        if (open) {
            open = false;
            try {
                connection.rollback();
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    @Override
    public WhatIfMode mode() {
        return WhatIfMode.TRANSACTIONAL;
    }
}
