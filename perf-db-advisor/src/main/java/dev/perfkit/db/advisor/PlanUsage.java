package dev.perfkit.db.advisor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which columns of which relations a query uses and how, read from its EXPLAIN (VERBOSE) plan. Views, inlined
 * CTEs and partitions appear in the plan as their base relations, and a MATERIALIZED CTE's outer filter stays on
 * its CTE Scan, so this needs no SQL parser.
 */
final class PlanUsage {
    private static final String[] CONDITIONS = {
        "Filter", "Index Cond", "Recheck Cond", "Hash Cond", "Merge Cond", "Join Filter", "TID Cond"
    };
    private static final String[] KEYS = {"Sort Key", "Presorted Key", "Group Key"};

    /** How one relation's columns are used. Relation names are as in the plan (partitions, not parents). */
    static final class Table {
        final Set<String> equality = new LinkedHashSet<>();
        final Set<String> range = new LinkedHashSet<>();
        final Set<String> order = new LinkedHashSet<>();
        final Set<String> join = new LinkedHashSet<>();
        final Map<String, String> constantPredicates = new LinkedHashMap<>();
        /** Equalities with a literal ({@code status = 'pending'}), candidate predicates of a selective partial index. */
        final Map<String, String> literalEqualities = new LinkedHashMap<>();

        final Set<String> output = new LinkedHashSet<>();
        boolean outputComplex;
        double rows;

        void merge(Table other) {
            equality.addAll(other.equality);
            range.addAll(other.range);
            order.addAll(other.order);
            join.addAll(other.join);
            other.constantPredicates.forEach(constantPredicates::putIfAbsent);
            other.literalEqualities.forEach(literalEqualities::putIfAbsent);
            output.addAll(other.output);
            outputComplex |= other.outputComplex;
            rows += other.rows;
        }

        Set<String> allColumns() {
            Set<String> all = new LinkedHashSet<>(equality);
            all.addAll(join);
            all.addAll(range);
            all.addAll(order);
            all.addAll(constantPredicates.keySet());
            return all;
        }
    }

    final Map<String, Table> tables = new LinkedHashMap<>();
    final double totalCost;
    /** Names of indexes the plan scans. */
    final Set<String> indexesUsed = new LinkedHashSet<>();

    private final Map<String, String> aliasToRelation = new HashMap<>();
    /** The relation an INSERT, UPDATE or DELETE modifies, or null. */
    @org.jspecify.annotations.Nullable
    String modified;
    /** The ModifyTable's operation ({@code Insert}, {@code Update}, {@code Delete}, {@code Merge}), or "". */
    String operation = "";
    /** The rows the ModifyTable is fed (rows inserted, updated or deleted), as estimated. */
    double modifiedRows;

    private PlanUsage(JsonNode plan) {
        this.totalCost = plan.path("Total Cost").asDouble();
        collectRelations(plan);
        collectUsage(plan);
    }

    static PlanUsage of(JsonNode plan) {
        return new PlanUsage(plan);
    }

    /** Only the cost and used indexes, for re-costing (cheaper than the full usage walk). */
    static double cost(JsonNode plan) {
        return plan.path("Total Cost").asDouble();
    }

    static Set<String> indexes(JsonNode plan, Set<String> into) {
        if (plan.has("Index Name")) {
            into.add(plan.get("Index Name").asText());
        }
        for (JsonNode child : plan.path("Plans")) {
            indexes(child, into);
        }
        return into;
    }

    private void collectRelations(JsonNode node) {
        if (node.has("Relation Name")) {
            String relation = node.path("Schema").asText("public") + "."
                    + node.get("Relation Name").asText();
            aliasToRelation.put(
                    node.path("Alias").asText(node.get("Relation Name").asText()), relation);
            if (!"ModifyTable".equals(node.path("Node Type").asText())) {
                tables.computeIfAbsent(relation, r -> new Table());
            } else {
                modified = relation;
                operation = node.path("Operation").asText("");
                modifiedRows =
                        Math.max(1, node.path("Plans").path(0).path("Plan Rows").asDouble(1));
            }
        }
        for (JsonNode child : node.path("Plans")) {
            collectRelations(child);
        }
    }

    private void collectUsage(JsonNode node) {
        if (node.has("Index Name")) {
            indexesUsed.add(node.get("Index Name").asText());
        }
        for (String field : CONDITIONS) {
            if (node.hasNonNull(field)) {
                for (Conditions.Atom atom : Conditions.parse(node.get(field).asText())) {
                    record(atom);
                }
            }
        }
        for (String field : KEYS) {
            for (JsonNode key : node.path(field)) {
                String text = key.asText().replaceAll("( DESC| NULLS FIRST| NULLS LAST| USING \\S+)+$", "");
                Conditions.Column c = Conditions.column(text);
                Table t = c == null ? null : table(c.alias());
                if (c != null && t != null) {
                    t.order.add(c.name());
                }
            }
        }
        if (node.has("Relation Name")
                && !"ModifyTable".equals(node.path("Node Type").asText())) {
            Table t = table(node.path("Alias").asText(node.get("Relation Name").asText()));
            if (t != null) {
                t.rows = Math.max(t.rows, node.path("Plan Rows").asDouble());
                for (JsonNode out : node.path("Output")) {
                    // A scan's Output names its own columns unqualified ("a, total"); joins above qualify them.
                    String name = Conditions.bareColumn(out.asText());
                    if (name == null) {
                        t.outputComplex = true;
                    } else {
                        t.output.add(name);
                    }
                }
            }
        }
        for (JsonNode child : node.path("Plans")) {
            collectUsage(child);
        }
    }

    private void record(Conditions.Atom atom) {
        Table t = table(atom.column().alias());
        switch (atom.kind()) {
            case EQUALITY -> {
                add(t, t == null ? null : t.equality, atom.column().name());
                if (t != null && !atom.predicate().isEmpty()) {
                    t.literalEqualities.putIfAbsent(atom.column().name(), atom.predicate());
                }
            }
            case RANGE -> add(t, t == null ? null : t.range, atom.column().name());
            case CONSTANT_PREDICATE -> {
                if (t != null) {
                    t.constantPredicates.put(atom.column().name(), atom.predicate());
                }
            }
            case JOIN -> {
                add(t, t == null ? null : t.join, atom.column().name());
                Conditions.Column other = atom.other();
                Table u = other == null ? null : table(other.alias());
                if (other != null && u != null) {
                    u.join.add(other.name());
                }
            }
        }
    }

    private static void add(@Nullable Table t, @Nullable Set<String> set, String column) {
        if (t != null && set != null) {
            set.add(column);
        }
    }

    private @Nullable Table table(String alias) {
        String relation = aliasToRelation.get(alias);
        return relation == null ? null : tables.get(relation);
    }
}
