package dev.perfkit.db.advisor;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A possible btree index: root table, key columns, INCLUDE columns and an optional partial predicate, with its
 * estimated size and the share of the table's rows it holds. Identity is its definition ({@link #key()}).
 */
record Candidate(
        Catalog.Table table,
        List<String> columns,
        List<String> include,
        @Nullable String where,
        double sizeBytes,
        double fraction) {

    private static final double FILL = 0.9;
    private static final double TUPLE_OVERHEAD = 16;

    static Candidate of(
            Catalog.Table table, List<String> columns, List<String> include, @Nullable String where, double fraction) {
        double width = TUPLE_OVERHEAD;
        for (String c : concat(columns, include)) {
            Catalog.Column col = table.columns().get(c);
            double w = col == null ? 8 : col.width();
            width += Math.ceil(w / 8) * 8;
        }
        double size = 8192 + Math.max(1, table.rows()) * fraction * width / FILL;
        return new Candidate(table, List.copyOf(columns), List.copyOf(include), where, size, fraction);
    }

    String key() {
        return table.name() + " (" + String.join(",", columns) + ") include (" + String.join(",", include) + ") where "
                + where;
    }

    /** The CREATE INDEX statement, with the given name or none (then PostgreSQL names it). */
    String createSql(boolean concurrently, @Nullable String name, String onTable) {
        StringBuilder sb = new StringBuilder("CREATE INDEX ");
        if (concurrently) {
            sb.append("CONCURRENTLY ");
        }
        if (name != null) {
            sb.append(name).append(' ');
        }
        sb.append("ON ").append(onTable).append(" (").append(quoted(columns)).append(')');
        if (!include.isEmpty()) {
            sb.append(" INCLUDE (").append(quoted(include)).append(')');
        }
        if (where != null) {
            sb.append(" WHERE ").append(where);
        }
        return sb.toString();
    }

    String ddl() {
        return createSql(true, null, table.name());
    }

    /** Whether this candidate does all {@code other} does and more: its keys and INCLUDE columns extend other's. */
    boolean widens(Candidate other) {
        return other.table.name().equals(table.name())
                && java.util.Objects.equals(where, other.where)
                && columns.size() >= other.columns.size()
                && columns.subList(0, other.columns.size()).equals(other.columns)
                && include.containsAll(other.include)
                && (columns.size() > other.columns.size() || include.size() > other.include.size());
    }

    /** Whether an existing index already does this candidate's job. */
    boolean coveredBy(Catalog.Existing existing) {
        if (!"btree".equals(existing.method())
                || existing.keys().size() < columns.size()
                || !existing.keys().subList(0, columns.size()).equals(columns)) {
            return false;
        }
        List<String> all = concat(existing.keys(), existing.include());
        if (!all.containsAll(include)) {
            return false;
        }
        String pred = existing.predicate();
        return pred == null || (where != null && Conditions.stripParens(pred).equals(Conditions.stripParens(where)));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String quoted(List<String> columns) {
        return columns.stream().map(Conditions::quote).collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Candidate c && c.key().equals(key());
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }
}
