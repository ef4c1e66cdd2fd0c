package dev.perfkit.db.advisor;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What-if costing with HypoPG's hypothetical indexes, private to this session. A candidate on a partitioned
 * table becomes one hypothetical index per leaf partition (what {@code CREATE INDEX} on the parent would build).
 */
final class HypoPgWhatIf implements WhatIf {
    private final Connection connection;
    private final Explainer explainer;

    HypoPgWhatIf(Connection connection, Explainer explainer) {
        this.connection = connection;
        this.explainer = explainer;
    }

    static boolean available(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'")) {
            return rs.next();
        }
    }

    @Override
    public Map<String, Candidate> install(List<Candidate> configuration) throws SQLException {
        uninstall();
        Map<String, Candidate> names = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT indexname FROM hypopg_create_index(?)")) {
            for (Candidate c : configuration) {
                List<String> targets = c.table().partitioned()
                        ? c.table().leaves()
                        : List.of(c.table().name());
                for (String target : targets) {
                    ps.setString(1, c.createSql(false, null, target));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            names.put(rs.getString(1), c);
                        }
                    }
                }
            }
        }
        return names;
    }

    @Override
    public JsonNode explain(String sql) throws SQLException {
        return explainer.plan(sql);
    }

    @Override
    public void uninstall() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT hypopg_reset()");
        }
    }

    @Override
    public WhatIfMode mode() {
        return WhatIfMode.HYPOPG;
    }
}
