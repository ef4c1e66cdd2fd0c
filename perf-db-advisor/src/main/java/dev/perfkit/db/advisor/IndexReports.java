package dev.perfkit.db.advisor;

import dev.perfkit.db.advisor.AdvisorReport.DuplicateIndex;
import dev.perfkit.db.advisor.AdvisorReport.InvalidIndex;
import dev.perfkit.db.advisor.AdvisorReport.MissingForeignKeyIndex;
import dev.perfkit.db.advisor.AdvisorReport.UnusedIndex;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The catalog reports: unused, duplicate, invalid indexes and foreign keys without a supporting index. */
final class IndexReports {
    private static final String USER_SCHEMAS =
            " n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'";
    private static final String NOT_CONSTRAINT =
            " NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = %s.indexrelid)";
    private static final String KEYS = "(string_to_array(%1$s.%2$s::text, ' '))[1:%3$s]";

    private final Connection connection;

    IndexReports(Connection connection) {
        this.connection = connection;
    }

    List<UnusedIndex> unused() throws SQLException {
        String sql = "SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname),"
                + " quote_ident(n.nspname) || '.' || quote_ident(t.relname), pg_relation_size(i.indexrelid)"
                + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
                + " JOIN pg_namespace n ON n.oid = ic.relnamespace"
                + " JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid"
                + " WHERE s.idx_scan = 0 AND i.indisvalid AND NOT i.indisprimary AND NOT i.indisunique AND"
                + String.format(NOT_CONSTRAINT, "i") + " AND" + USER_SCHEMAS
                + " ORDER BY 3 DESC, 1";
        List<UnusedIndex> out = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new UnusedIndex(rs.getString(1), rs.getString(2), rs.getLong(3), drop(rs.getString(1))));
            }
        }
        return out;
    }

    List<DuplicateIndex> duplicates() throws SQLException {
        String prefixA = "a.indnkeyatts";
        String sql = "SELECT quote_ident(n.nspname) || '.' || quote_ident(ca.relname),"
                + " quote_ident(n.nspname) || '.' || quote_ident(cb.relname)"
                + " FROM pg_index a JOIN pg_index b ON b.indrelid = a.indrelid AND b.indexrelid <> a.indexrelid"
                + " JOIN pg_class ca ON ca.oid = a.indexrelid JOIN pg_class cb ON cb.oid = b.indexrelid"
                + " JOIN pg_namespace n ON n.oid = ca.relnamespace"
                + " WHERE ca.relam = cb.relam AND a.indisvalid AND b.indisvalid AND" + USER_SCHEMAS
                + " AND a.indnatts = a.indnkeyatts AND a.indnkeyatts <= b.indnkeyatts"
                + " AND " + String.format(KEYS, "a", "indkey", prefixA) + " = "
                + String.format(KEYS, "b", "indkey", prefixA)
                + " AND " + String.format(KEYS, "a", "indclass", prefixA) + " = "
                + String.format(KEYS, "b", "indclass", prefixA)
                + " AND " + String.format(KEYS, "a", "indoption", prefixA) + " = "
                + String.format(KEYS, "b", "indoption", prefixA)
                + " AND pg_get_expr(a.indpred, a.indrelid) IS NOT DISTINCT FROM pg_get_expr(b.indpred, b.indrelid)"
                + " AND pg_get_expr(a.indexprs, a.indrelid) IS NOT DISTINCT FROM pg_get_expr(b.indexprs, b.indrelid)"
                + " AND NOT a.indisprimary AND" + String.format(NOT_CONSTRAINT, "a")
                + " AND (NOT a.indisunique OR b.indisunique AND a.indnkeyatts = b.indnkeyatts)"
                + " AND (a.indnkeyatts < b.indnkeyatts OR b.indnatts > b.indnkeyatts"
                + "      OR EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = b.indexrelid)"
                + "      OR b.indisunique AND NOT a.indisunique"
                + "      OR a.indisunique = b.indisunique AND a.indexrelid > b.indexrelid)"
                + " ORDER BY 1, 2";
        List<DuplicateIndex> out = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                if (!reported.contains(rs.getString(1))) {
                    reported.add(rs.getString(1));
                    out.add(new DuplicateIndex(rs.getString(1), rs.getString(2), drop(rs.getString(1))));
                }
            }
        }
        return out;
    }

    List<MissingForeignKeyIndex> missingForeignKeys() throws SQLException {
        String sql = "SELECT quote_ident(n.nspname) || '.' || quote_ident(t.relname),"
                + " (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)"
                + "  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum)"
                + " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE c.contype = 'f' AND c.conparentid = 0 AND" + USER_SCHEMAS
                + " AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indisvalid"
                + "  AND i.indpred IS NULL AND (SELECT array_agg(x ORDER BY x) FROM unnest("
                + "  ((string_to_array(i.indkey::text, ' '))::int2[])[1:cardinality(c.conkey)]) x)"
                + "  = (SELECT array_agg(y ORDER BY y) FROM unnest(c.conkey) y))"
                + " ORDER BY 1, 2";
        List<MissingForeignKeyIndex> out = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<String> columns = Arrays.asList((String[]) rs.getArray(2).getArray());
                String ddl = "CREATE INDEX CONCURRENTLY ON " + rs.getString(1) + " ("
                        + String.join(
                                ", ", columns.stream().map(Conditions::quote).toList()) + ")";
                out.add(new MissingForeignKeyIndex(rs.getString(1), columns, ddl));
            }
        }
        return out;
    }

    List<InvalidIndex> invalid() throws SQLException {
        String sql = "SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname),"
                + " quote_ident(n.nspname) || '.' || quote_ident(t.relname)"
                + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
                + " JOIN pg_namespace n ON n.oid = ic.relnamespace"
                + " WHERE NOT i.indisvalid AND ic.relkind = 'i' AND" + USER_SCHEMAS + " ORDER BY 1";
        List<InvalidIndex> out = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new InvalidIndex(rs.getString(1), rs.getString(2), drop(rs.getString(1))));
            }
        }
        return out;
    }

    private static String drop(String index) {
        return "DROP INDEX CONCURRENTLY " + index;
    }
}
