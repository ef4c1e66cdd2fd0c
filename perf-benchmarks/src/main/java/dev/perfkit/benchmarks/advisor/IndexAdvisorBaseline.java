package dev.perfkit.benchmarks.advisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Supabase's {@code index_advisor} does, for the comparison: per query, the generic plan's cost (PREPARE under
 * {@code plan_cache_mode = force_generic_plan}, EXPLAIN EXECUTE with NULLs), then a hypothetical single-column
 * btree (HypoPG) on every column of the referenced tables that the query names and that has no index yet, all at
 * once; when the plan gets cheaper, the hypothetical indexes it uses are that query's picks. The baseline's set is
 * the union of the picks over the workload.
 */
final class IndexAdvisorBaseline {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexAdvisorBaseline() {}

    /** The union of per-query picks, as {@code CREATE INDEX} statements. */
    static List<String> advise(Connection c, List<String> queries) throws SQLException, IOException {
        Map<String, List<String>> columns = columns(c);
        Set<String> picks = new LinkedHashSet<>();
        try (Statement st = c.createStatement()) {
            st.execute("SET plan_cache_mode = force_generic_plan");
            int n = 0;
            for (String sql : queries) {
                st.execute("SELECT hypopg_reset()");
                String name = "ia_q" + n++;
                st.execute("PREPARE " + name + " AS " + sql);
                try {
                    String explain = "EXPLAIN (FORMAT JSON) EXECUTE " + name + nulls(sql);
                    double before = cost(st, explain);
                    Map<String, String> hypothetical = new LinkedHashMap<>();
                    for (Map.Entry<String, List<String>> t : columns.entrySet()) {
                        if (!mentions(sql, t.getKey())) {
                            continue;
                        }
                        for (String col : t.getValue()) {
                            if (!mentions(sql, col)) {
                                continue;
                            }
                            String ddl = "CREATE INDEX ON " + t.getKey() + " (" + col + ")";
                            try (ResultSet rs = st.executeQuery(
                                    "SELECT indexname FROM hypopg_create_index('" + ddl.replace("'", "''") + "')")) {
                                rs.next();
                                hypothetical.put(rs.getString(1), ddl);
                            }
                        }
                    }
                    // The generic plan was cached by the first EXPLAIN EXECUTE: prepare again to plan with the indexes.
                    st.execute("DEALLOCATE " + name);
                    st.execute("PREPARE " + name + " AS " + sql);
                    JsonNode plan = plan(st, explain);
                    if (plan.path("Total Cost").asDouble() < before) {
                        for (String used : used(plan, new LinkedHashSet<>())) {
                            String ddl = hypothetical.get(used);
                            if (ddl != null) {
                                picks.add(ddl);
                            }
                        }
                    }
                } finally {
                    st.execute("DEALLOCATE " + name);
                }
            }
            st.execute("SELECT hypopg_reset()");
            st.execute("RESET plan_cache_mode");
        }
        return new ArrayList<>(picks);
    }

    /** Per public table, its columns that are not the leading column of an existing index. */
    private static Map<String, List<String>> columns(Connection c) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String sql = "SELECT t.relname, a.attname FROM pg_class t JOIN pg_attribute a ON a.attrelid = t.oid"
                + " WHERE t.relnamespace = 'public'::regnamespace AND t.relkind = 'r' AND a.attnum > 0"
                + " AND NOT a.attisdropped AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = t.oid"
                + " AND i.indkey[0] = a.attnum) ORDER BY t.relname, a.attnum";
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return out;
    }

    private static boolean mentions(String sql, String word) {
        return Pattern.compile("\\b" + Pattern.quote(word) + "\\b", Pattern.CASE_INSENSITIVE)
                .matcher(sql)
                .find();
    }

    private static String nulls(String sql) {
        int max = 0;
        var m = Pattern.compile("\\$(\\d+)").matcher(sql);
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max == 0 ? "" : "(" + String.join(", ", java.util.Collections.nCopies(max, "NULL")) + ")";
    }

    private static double cost(Statement st, String explain) throws SQLException, IOException {
        return plan(st, explain).path("Total Cost").asDouble();
    }

    private static JsonNode plan(Statement st, String explain) throws SQLException, IOException {
        try (ResultSet rs = st.executeQuery(explain)) {
            rs.next();
            return JSON.readTree(rs.getString(1)).path(0).path("Plan");
        }
    }

    private static Set<String> used(JsonNode node, Set<String> into) {
        if (node.has("Index Name")) {
            into.add(node.get("Index Name").asText());
        }
        for (JsonNode child : node.path("Plans")) {
            used(child, into);
        }
        return into;
    }

    static String describe(List<String> ddl) {
        return String.join(String.format(Locale.ROOT, "%n  "), ddl);
    }
}
