package dev.perfkit.db.advisor;

import dev.perfkit.db.advisor.AdvisorReport.DuplicateIndex;
import dev.perfkit.db.advisor.AdvisorReport.InvalidIndex;
import dev.perfkit.db.advisor.AdvisorReport.MissingForeignKeyIndex;
import dev.perfkit.db.advisor.AdvisorReport.StaleTable;
import dev.perfkit.db.advisor.AdvisorReport.UnusedIndex;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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

    static final double DEAD_RATIO = 0.2;
    static final long MIN_DEAD = 1000;
    static final double STALE_SHARE = 0.1;
    static final long MIN_CHANGED = 50;

    private final Connection connection;

    IndexReports(Connection connection) {
        this.connection = connection;
    }

    /**
     * Indexes never scanned, observed for at least {@code window}: the observation is the time since the database's
     * statistics were reset ({@code pg_stat_database.stats_reset}) or since the index's catalog row was written
     * (its creation, or a later REINDEX or ALTER, known only with {@code track_commit_timestamp = on}), whichever is
     * shorter; an unknown age does not skip. A duplicate pair is left to the duplicate report (drop the covered half).
     */
    List<UnusedIndex> unused(Duration window, List<DuplicateIndex> duplicates) throws SQLException {
        String sql = "SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname),"
                + " quote_ident(n.nspname) || '.' || quote_ident(t.relname), pg_relation_size(i.indexrelid),"
                + " (SELECT extract(epoch FROM now() - d.stats_reset) FROM pg_stat_database d"
                + "  WHERE d.datname = current_database()),"
                + " CASE WHEN current_setting('track_commit_timestamp') = 'on'"
                + "  THEN extract(epoch FROM now() - pg_xact_commit_timestamp(ic.xmin)) END"
                + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
                + " JOIN pg_namespace n ON n.oid = ic.relnamespace"
                + " JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid"
                + " WHERE s.idx_scan = 0 AND i.indisvalid AND NOT i.indisprimary AND NOT i.indisunique AND"
                + String.format(NOT_CONSTRAINT, "i") + " AND" + USER_SCHEMAS
                + " ORDER BY 3 DESC, 1";
        java.util.Set<String> covered = new java.util.HashSet<>();
        // A duplicate pair is one finding, in the duplicate report: neither half is listed here as well.
        duplicates.forEach(d -> {
            covered.add(d.index());
            covered.add(d.coveredBy());
        });
        List<UnusedIndex> out = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Duration statsAge = seconds(rs, 4);
                Duration indexAge = seconds(rs, 5);
                Duration observed = statsAge == null
                        ? indexAge
                        : indexAge == null || statsAge.compareTo(indexAge) < 0 ? statsAge : indexAge;
                if (covered.contains(rs.getString(1)) || (observed != null && observed.compareTo(window) < 0)) {
                    continue;
                }
                out.add(new UnusedIndex(
                        rs.getString(1), rs.getString(2), rs.getLong(3), drop(rs.getString(1)), statsAge, indexAge));
            }
        }
        return out;
    }

    private static @org.jspecify.annotations.Nullable Duration seconds(ResultSet rs, int column) throws SQLException {
        double s = rs.getDouble(column);
        return rs.wasNull() ? null : Duration.ofMillis(Math.max(0, Math.round(s * 1000)));
    }

    /**
     * Per table the workload touches, whether its statistics are stale (never analysed, or more than 10% of its
     * rows changed since the last ANALYZE, autovacuum's default threshold) or it is bloated (at least 20% dead
     * tuples and at least 1,000 of them): plans, and so the advice, change once it is vacuumed and analysed.
     */
    List<StaleTable> stale(java.util.Collection<Catalog.Table> tables) throws SQLException {
        List<StaleTable> out = new ArrayList<>();
        String sql = "SELECT coalesce(sum(n_live_tup), 0), coalesce(sum(n_dead_tup), 0),"
                + " coalesce(sum(n_mod_since_analyze), 0),"
                + " bool_or(last_analyze IS NULL AND last_autoanalyze IS NULL),"
                + " min(greatest(last_analyze, last_autoanalyze)), count(*)"
                + " FROM pg_stat_user_tables WHERE relid = ANY (?::regclass[])";
        try (java.sql.PreparedStatement ps = connection.prepareStatement(sql)) {
            for (Catalog.Table t : tables) {
                List<String> rels = t.partitioned() ? t.leaves() : List.of(t.name());
                if (rels.isEmpty()) {
                    continue;
                }
                ps.setArray(1, connection.createArrayOf("text", rels.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getLong(6) == 0) {
                        continue;
                    }
                    long live = rs.getLong(1);
                    long dead = rs.getLong(2);
                    long modified = rs.getLong(3);
                    boolean never = rs.getBoolean(4);
                    java.sql.Timestamp last = rs.getTimestamp(5);
                    double deadRatio = live + dead == 0 ? 0 : (double) dead / (live + dead);
                    boolean bloated = deadRatio >= DEAD_RATIO && dead >= MIN_DEAD;
                    boolean staleStats =
                            (never && live + dead > 0) || modified > Math.max(MIN_CHANGED, STALE_SHARE * live);
                    if (!bloated && !staleStats) {
                        continue;
                    }
                    List<String> why = new ArrayList<>();
                    if (bloated) {
                        why.add(String.format(
                                java.util.Locale.ROOT,
                                "%.0f%% of its tuples are dead (%d dead, %d live)",
                                100 * deadRatio,
                                dead,
                                live));
                    }
                    if (never && live + dead > 0) {
                        why.add("it was never analysed");
                    } else if (staleStats) {
                        why.add(modified + " rows changed since the last ANALYZE (" + live + " live)");
                    }
                    out.add(new StaleTable(
                            t.name(),
                            live,
                            dead,
                            modified,
                            last == null ? null : last.toInstant(),
                            String.join("; ", why) + ": plans and this advice may change once it is "
                                    + (bloated ? "vacuumed" : "analysed"),
                            (bloated ? "VACUUM (ANALYZE) " : "ANALYZE ") + t.name()));
                }
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
