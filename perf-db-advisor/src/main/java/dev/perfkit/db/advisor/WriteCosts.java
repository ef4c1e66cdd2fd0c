package dev.perfkit.db.advisor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The write cost charged to a candidate index, weighted like the reads (by the statement's calls or time): every
 * workload UPDATE that sets one of its columns must now insert an index entry per row and loses HOT (heap-only
 * tuple) updates; tables whose updates are mostly HOT today ({@code n_tup_hot_upd / n_tup_upd} in
 * pg_stat_user_tables) are charged up to twice as much. Every INSERT adds an entry per row to every index on the
 * table (a partial index: the share of rows its predicate keeps), and every DELETE leaves one that VACUUM must
 * remove from each index, charged at half an insert's entry.
 */
final class WriteCosts {
    /** Planner cost units per index entry written (about one random page). */
    static final double INDEX_ENTRY_COST = 4.0;

    private static final Pattern SET =
            Pattern.compile("(?is)\\bset\\s+(.*?)(?:\\s+from\\s|\\s+where\\s|\\s+returning\\s|$)");

    /** An index entry left by a DELETE costs this share of an inserted one (VACUUM's index pass removes it). */
    static final double DELETE_SHARE = 0.5;

    private record Update(String table, Set<String> columns, double weightedRows, double hotShare) {}

    private record RowWrite(String table, double weightedRows, double perEntry) {}

    private final List<Update> updates = new ArrayList<>();
    private final List<RowWrite> rowWrites = new ArrayList<>();

    void addInsert(Catalog.Table table, double weightedRows) {
        rowWrites.add(new RowWrite(table.name(), weightedRows, INDEX_ENTRY_COST));
    }

    void addDelete(Catalog.Table table, double weightedRows) {
        rowWrites.add(new RowWrite(table.name(), weightedRows, INDEX_ENTRY_COST * DELETE_SHARE));
    }

    void addUpdate(Catalog.Table table, String sql, double weightedRows) {
        double hot = table.updates() == 0 ? 0 : (double) table.hotUpdates() / table.updates();
        updates.add(new Update(table.name(), setColumns(sql), weightedRows, hot));
    }

    double cost(Candidate c) {
        double cost = 0;
        for (Update u : updates) {
            if (u.table().equals(c.table().name())
                    && (c.columns().stream().anyMatch(u.columns()::contains)
                            || c.include().stream().anyMatch(u.columns()::contains))) {
                cost += u.weightedRows() * INDEX_ENTRY_COST * (1 + u.hotShare());
            }
        }
        for (RowWrite w : rowWrites) {
            if (w.table().equals(c.table().name())) {
                cost += w.weightedRows() * w.perEntry() * Math.min(1, c.fraction());
            }
        }
        return cost;
    }

    static Set<String> setColumns(String sql) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = SET.matcher(sql);
        if (!m.find()) {
            return out;
        }
        String assignments = m.group(1).replaceAll("'(?:[^']|'')*'", "''").replaceAll("\\([^()]*\\)", "()");
        for (String part : assignments.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                String lhs = part.substring(0, eq).replaceAll("[()\\s]", "");
                for (String col : lhs.split(",", -1)) {
                    if (col.isEmpty()) {
                        continue;
                    }
                    out.add(col.startsWith("\"") ? col.substring(1, col.length() - 1) : col.toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }
}
