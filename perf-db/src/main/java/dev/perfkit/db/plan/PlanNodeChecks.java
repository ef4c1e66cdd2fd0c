package dev.perfkit.db.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The per-node checks of {@link PostgresPlanAnalyzer}, adding findings for one plan node at a time. */
final class PlanNodeChecks {
    private final PostgresPlanAnalyzer t;
    private final Map<String, Long> relationRows;
    private final List<PlanFinding> out;

    PlanNodeChecks(PostgresPlanAnalyzer thresholds, Map<String, Long> relationRows, List<PlanFinding> out) {
        this.t = thresholds;
        this.relationRows = relationRows;
        this.out = out;
    }

    void check(JsonNode node) {
        String type = node.path("Node Type").asText("?");
        boolean analyzed = node.has("Actual Rows");
        long loops = Math.max(1, node.path("Actual Loops").asLong(1));
        long returned = node.path("Actual Rows").asLong() * loops;
        long removed = node.path("Rows Removed by Filter").asLong() * loops;
        if (PostgresPlanAnalyzer.isSeqScan(node)) {
            seqScan(node, analyzed, returned, removed);
        }
        if (analyzed && removed >= t.minRemovedRows && removed >= t.removedRatio * Math.max(1, returned)) {
            add(
                    PlanFinding.Kind.ROWS_REMOVED_BY_FILTER,
                    node,
                    "removed " + removed + " rows by filter and returned " + returned);
        }
        if (analyzed && loops > 0 && node.has("Plan Rows")) {
            estimate(
                    node,
                    node.path("Plan Rows").asLong(),
                    node.path("Actual Rows").asLong());
        }
        String sortMethod = node.path("Sort Method").asText("");
        if (sortMethod.toLowerCase(Locale.ROOT).contains("external")
                || "Disk".equals(node.path("Sort Space Type").asText())) {
            add(
                    PlanFinding.Kind.SORT_SPILL,
                    node,
                    "sort method '" + sortMethod + "' used "
                            + node.path("Sort Space Used").asLong() + " kB of "
                            + node.path("Sort Space Type").asText("?"));
        }
        long batches =
                node.path("Hash Batches").asLong(node.path("HashAgg Batches").asLong(0));
        long diskKb = node.path("Disk Usage").asLong(0);
        if (batches > 1 || diskKb > 0) {
            add(
                    PlanFinding.Kind.HASH_SPILL,
                    node,
                    "used " + batches + " batches (planned "
                            + node.path("Original Hash Batches").asLong(batches) + ") and " + diskKb + " kB of disk");
        }
        if ("Nested Loop".equals(type)) {
            nestedLoop(node);
        }
    }

    private void seqScan(JsonNode node, boolean analyzed, long returned, long removed) {
        if (!node.has("Filter")) {
            return;
        }
        if (analyzed) {
            long scanned = returned + removed;
            if (scanned >= t.largeTableRows && returned <= scanned * t.selectiveFraction) {
                add(
                        PlanFinding.Kind.SEQ_SCAN_SELECTIVE,
                        node,
                        "scanned " + scanned + " rows to return " + returned + " under filter "
                                + node.path("Filter").asText());
            }
            return;
        }
        Long tableRows = relationRows.get(node.path("Relation Name").asText());
        long estimated = node.path("Plan Rows").asLong();
        if (tableRows != null && tableRows >= t.largeTableRows && estimated <= tableRows * t.selectiveFraction) {
            add(
                    PlanFinding.Kind.SEQ_SCAN_SELECTIVE,
                    node,
                    "scans a table of about " + tableRows + " rows to return an estimated " + estimated
                            + " under filter " + node.path("Filter").asText());
        }
    }

    private void estimate(JsonNode node, long planned, long actual) {
        long high = Math.max(planned, actual);
        long low = Math.max(1, Math.min(planned, actual));
        if (high >= t.minEstimateRows && high >= t.estimateFactor * low) {
            add(
                    PlanFinding.Kind.ESTIMATE_ERROR,
                    node,
                    "estimated " + planned + " rows per loop, got " + actual + " (" + (high / low) + "x "
                            + (planned > actual ? "over" : "under") + ")");
        }
    }

    private void nestedLoop(JsonNode node) {
        JsonNode outer = null;
        for (JsonNode child : node.path("Plans")) {
            if ("Outer".equals(child.path("Parent Relationship").asText())) {
                outer = child;
                break;
            }
        }
        if (outer == null) {
            return;
        }
        long rows = outer.has("Actual Rows")
                ? outer.path("Actual Rows").asLong()
                        * Math.max(1, outer.path("Actual Loops").asLong(1))
                : outer.path("Plan Rows").asLong();
        if (rows >= t.nestedLoopOuterRows) {
            add(
                    PlanFinding.Kind.NESTED_LOOP_LARGE_OUTER,
                    node,
                    "loops over " + rows + " outer rows from " + label(outer)
                            + (outer.has("Actual Rows") ? "" : " (estimated)"));
        }
    }

    private void add(PlanFinding.Kind kind, JsonNode node, String message) {
        out.add(new PlanFinding(kind, label(node), message));
    }

    static String label(JsonNode node) {
        StringBuilder sb = new StringBuilder(node.path("Node Type").asText("?"));
        if (node.has("Relation Name")) {
            sb.append(" on ").append(node.get("Relation Name").asText());
            String alias = node.path("Alias").asText("");
            if (!alias.isEmpty() && !alias.equals(node.get("Relation Name").asText())) {
                sb.append(' ').append(alias);
            }
        } else if (node.has("Index Name")) {
            sb.append(" using ").append(node.get("Index Name").asText());
        }
        return sb.toString();
    }
}
