package dev.perfkit.db.advisor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns one query's use of one table into candidate indexes: equality and join columns first (most distinct
 * first), then one range column or the ORDER BY / GROUP BY columns, at most three keys; an INCLUDE variant when
 * the remaining output columns would make the scan index-only; a partial variant per constant predicate, and per
 * equality with a literal on a column of at most {@value #MAX_PARTIAL_DISTINCT} distinct values that keeps at most
 * {@value #MAX_PARTIAL_SHARE} of the rows and at most half of an average value's ({@code status = 'pending'} where
 * most orders are done; never {@code region = 7} among 50 even regions),
 * each sized by the share of rows the planner estimates its predicate keeps.
 */
final class CandidateGenerator {
    static final int MAX_KEYS = 3;
    private static final int MAX_INCLUDE = 3;
    /** An equality with a literal becomes a partial index's predicate only when it keeps at most this share. */
    static final double MAX_PARTIAL_SHARE = 0.1;
    /** ... and only on a column with at most this many distinct values (a status, a kind, a flag). */
    static final double MAX_PARTIAL_DISTINCT = 100;
    /** ... and only for a value that keeps at most this share of an average value's rows. */
    static final double RARE = 0.5;

    private CandidateGenerator() {}

    /** The share of a table's rows a predicate keeps, as the planner estimates it. */
    @FunctionalInterface
    interface Selectivity {
        double of(Catalog.Table table, String predicate, double fallback);
    }

    static Set<Candidate> generate(Catalog.Table table, PlanUsage.Table usage) {
        return generate(table, usage, (t, p, fallback) -> fallback);
    }

    static Set<Candidate> generate(Catalog.Table table, PlanUsage.Table usage, Selectivity selectivity) {
        Map<String, Catalog.Column> cols = table.columns();
        List<String> eq = usable(cols, usage.equality);
        for (String j : usable(cols, usage.join)) {
            if (!eq.contains(j)) {
                eq.add(j);
            }
        }
        eq.sort(Comparator.comparingDouble((String c) -> -distinct(table, Objects.requireNonNull(cols.get(c)))));
        List<String> range = usable(cols, usage.range);
        range.removeAll(eq);
        List<String> order = usable(cols, usage.order);
        order.removeAll(eq);

        Set<List<String>> keys = new LinkedHashSet<>();
        for (String c : eq) {
            keys.add(List.of(c));
        }
        if (!range.isEmpty()) {
            keys.add(List.of(range.get(0)));
        }
        if (!order.isEmpty()) {
            keys.add(List.of(order.get(0)));
        }
        List<String> eqKey = limit(eq, MAX_KEYS);
        keys.add(eqKey);
        List<String> main = eqKey;
        if (!range.isEmpty()) {
            List<String> k = limit(eq, MAX_KEYS - 1);
            k.add(range.get(0));
            keys.add(k);
            main = k;
        }
        if (!order.isEmpty() && eq.size() < MAX_KEYS) {
            List<String> k = new ArrayList<>(eq);
            for (String o : order) {
                if (k.size() < MAX_KEYS && !k.contains(o)) {
                    k.add(o);
                }
            }
            keys.add(k);
            main = range.isEmpty() ? k : main;
        }
        keys.remove(List.<String>of());

        Set<Candidate> out = new LinkedHashSet<>();
        for (List<String> k : keys) {
            out.add(Candidate.of(table, k, List.of(), null, 1));
        }
        if (!main.isEmpty() && !usage.outputComplex) {
            List<String> include = new ArrayList<>(usable(cols, usage.output));
            include.removeAll(main);
            if (!include.isEmpty()
                    && include.size() <= MAX_INCLUDE
                    && cols.keySet().containsAll(usage.output)) {
                out.add(Candidate.of(table, main, include, null, 1));
            }
        }
        for (Map.Entry<String, String> p : usage.constantPredicates.entrySet()) {
            Catalog.Column col = cols.get(p.getKey());
            if (col == null) {
                continue;
            }
            List<String> k = new ArrayList<>(main);
            k.remove(p.getKey());
            if (!k.isEmpty()) {
                out.add(Candidate.of(
                        table,
                        k,
                        List.of(),
                        p.getValue(),
                        selectivity.of(table, p.getValue(), fraction(p.getValue(), col))));
            }
        }
        for (Map.Entry<String, String> p : usage.literalEqualities.entrySet()) {
            List<String> k = new ArrayList<>(main);
            k.remove(p.getKey());
            Catalog.Column col = cols.get(p.getKey());
            // Only a status-like column: on a key-like one (customer_id = 42) the literal is one user's value.
            if (k.isEmpty() || col == null || distinct(table, col) > MAX_PARTIAL_DISTINCT) {
                continue;
            }
            // ... and a rare value of it ('pending' among mostly 'done'), not one of many even ones (region = 7).
            double share = selectivity.of(table, p.getValue(), 1);
            if (share <= MAX_PARTIAL_SHARE && share <= RARE * (1 / distinct(table, col))) {
                out.add(Candidate.of(table, k, List.of(), p.getValue(), share));
            }
        }
        out.removeIf(c -> table.indexes().stream().anyMatch(c::coveredBy));
        return out;
    }

    private static double fraction(String predicate, Catalog.Column col) {
        if (predicate.endsWith(" IS NULL")) {
            return Math.max(0.01, col.nullFraction());
        }
        if (predicate.endsWith(" IS NOT NULL")) {
            return Math.max(0.01, 1 - col.nullFraction());
        }
        return 0.5;
    }

    private static double distinct(Catalog.Table table, Catalog.Column col) {
        return col.distinct() < 0 ? -col.distinct() * table.rows() : col.distinct();
    }

    private static List<String> usable(Map<String, Catalog.Column> cols, Set<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            Catalog.Column c = cols.get(n);
            if (c != null && c.btree()) {
                out.add(n);
            }
        }
        return out;
    }

    private static List<String> limit(List<String> list, int max) {
        return new ArrayList<>(list.subList(0, Math.min(max, list.size())));
    }
}
