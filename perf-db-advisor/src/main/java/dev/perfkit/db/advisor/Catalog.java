package dev.perfkit.db.advisor;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the advisor needs to know about a relation from the catalog: its root table (partitions map to their
 * partitioned parent), row count, column types and statistics, existing indexes and update counts. Cached.
 */
final class Catalog {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    /** Types with no default btree operator class, or for which a btree is useless. */
    private static final Set<String> NOT_BTREE = Set.of(
            "json", "jsonb", "xml", "tsvector", "tsquery", "point", "polygon", "line", "lseg", "box", "path", "circle");

    record Column(String name, boolean btree, double width, double distinct, double nullFraction) {}

    record Existing(
            List<String> keys,
            List<String> include,
            @Nullable String predicate,
            String method) {}

    record Table(
            String name,
            long oid,
            boolean partitioned,
            double rows,
            Map<String, Column> columns,
            List<String> leaves,
            List<Existing> indexes,
            long updates,
            long hotUpdates) {}

    private final Connection connection;
    private final Map<String, Table> byPlanRelation = new HashMap<>();
    private final Map<String, Table> byName = new HashMap<>();
    private final Map<String, Double> selectivities = new HashMap<>();

    Catalog(Connection connection) {
        this.connection = connection;
    }

    /** The root table of a plan relation ({@code schema.relname} as the plan names it). */
    Table table(String planRelation) throws SQLException {
        Table cached = byPlanRelation.get(planRelation);
        if (cached != null) {
            return cached;
        }
        int dot = planRelation.indexOf('.');
        String sql = "SELECT r.oid, quote_ident(rn.nspname) || '.' || quote_ident(r.relname), r.relkind = 'p',"
                + " rn.nspname, r.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_class r ON r.oid = coalesce(pg_partition_root(c.oid), c.oid)"
                + " JOIN pg_namespace rn ON rn.oid = r.relnamespace WHERE n.nspname = ? AND c.relname = ?";
        Table table;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, planRelation.substring(0, dot));
            ps.setString(2, planRelation.substring(dot + 1));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("relation " + planRelation + " not found in the catalog");
                }
                String name = rs.getString(2);
                table = byName.get(name);
                if (table == null) {
                    table = load(rs.getLong(1), name, rs.getBoolean(3), rs.getString(4), rs.getString(5));
                    byName.put(name, table);
                }
            }
        }
        byPlanRelation.put(planRelation, table);
        return table;
    }

    /**
     * The share of the table's rows that {@code predicate} keeps, from the planner's row estimate for {@code SELECT
     * 1 FROM table WHERE predicate} (at least one row); {@code fallback} when the table has no rows or the EXPLAIN
     * fails. Never executes the predicate.
     */
    double selectivity(Table table, String predicate, double fallback) {
        if (table.rows() < 1) {
            return fallback;
        }
        return selectivities.computeIfAbsent(table.name() + " WHERE " + predicate, k -> {
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery(
                            "EXPLAIN (FORMAT JSON) SELECT 1 FROM " + table.name() + " WHERE " + predicate)) {
                rs.next();
                double rows = JSON.readTree(rs.getString(1))
                        .path(0)
                        .path("Plan")
                        .path("Plan Rows")
                        .asDouble(-1);
                return rows < 0 ? fallback : Math.min(1, Math.max(1, rows) / table.rows());
            } catch (SQLException | java.io.IOException e) {
                return fallback;
            }
        });
    }

    private Table load(long oid, String name, boolean partitioned, String schema, String relname) throws SQLException {
        List<String> leaves = new ArrayList<>();
        double rows = 0;
        List<Long> leafOids = new ArrayList<>();
        String sql = partitioned
                ? "SELECT x.oid, quote_ident(n.nspname) || '.' || quote_ident(x.relname), greatest(x.reltuples, 0)"
                        + " FROM pg_partition_tree(?::oid) t JOIN pg_class x ON x.oid = t.relid"
                        + " JOIN pg_namespace n ON n.oid = x.relnamespace WHERE t.isleaf"
                : "SELECT x.oid, '', greatest(x.reltuples, 0) FROM pg_class x WHERE x.oid = ?::oid";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (partitioned) {
                        leaves.add(rs.getString(2));
                    }
                    leafOids.add(rs.getLong(1));
                    rows += rs.getDouble(3);
                }
            }
        }
        return new Table(
                name,
                oid,
                partitioned,
                rows,
                columns(oid, schema, relname, partitioned),
                leaves,
                indexes(oid),
                counter(leafOids, "n_tup_upd"),
                counter(leafOids, "n_tup_hot_upd"));
    }

    private Map<String, Column> columns(long oid, String schema, String relname, boolean partitioned)
            throws SQLException {
        Map<String, Column> out = new LinkedHashMap<>();
        String sql = "SELECT a.attname, t.typname, coalesce(s.avg_width, nullif(t.typlen, -1), 32),"
                + " coalesce(s.n_distinct, 0), coalesce(s.null_frac, 0), t.typcategory"
                + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_stats s ON"
                + " s.schemaname = ? AND s.tablename = ? AND s.attname = a.attname AND s.inherited = ?"
                + " WHERE a.attrelid = ?::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            ps.setString(2, relname);
            ps.setBoolean(3, partitioned);
            ps.setLong(4, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean btree = !NOT_BTREE.contains(rs.getString(2)) && !"G".equals(rs.getString(6));
                    out.put(
                            rs.getString(1),
                            new Column(rs.getString(1), btree, rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)));
                }
            }
        }
        return out;
    }

    private List<Existing> indexes(long oid) throws SQLException {
        List<Existing> out = new ArrayList<>();
        String sql = "SELECT (SELECT array_agg(coalesce(a.attname, '') ORDER BY k.ord) FROM unnest(i.indkey::int2[])"
                + " WITH ORDINALITY k(attnum, ord) LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid"
                + " AND a.attnum = k.attnum), i.indnkeyatts, pg_get_expr(i.indpred, i.indrelid), am.amname"
                + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam"
                + " WHERE i.indrelid = ?::oid AND i.indisvalid AND i.indexprs IS NULL";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array array = rs.getArray(1);
                    List<String> all = Arrays.asList((String[]) array.getArray());
                    int keys = rs.getInt(2);
                    out.add(new Existing(
                            List.copyOf(all.subList(0, keys)),
                            List.copyOf(all.subList(keys, all.size())),
                            rs.getString(3),
                            rs.getString(4)));
                }
            }
        }
        return out;
    }

    private long counter(List<Long> oids, String column) throws SQLException {
        String sql = "SELECT coalesce(sum(" + column + "), 0) FROM pg_stat_user_tables WHERE relid = ANY (?)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setArray(1, connection.createArrayOf("oid", oids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
