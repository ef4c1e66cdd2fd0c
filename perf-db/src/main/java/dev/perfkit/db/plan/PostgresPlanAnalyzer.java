package dev.perfkit.db.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds problems in PostgreSQL {@code EXPLAIN (FORMAT JSON)} plans, with or without ANALYZE: selective
 * sequential scans of large tables, rows removed by filter far above rows returned, row estimates off by a
 * factor, sorts and hashes spilling to disk, and nested loops over large outer inputs. Without ANALYZE only
 * what the estimates show is reported (a selective seq scan needs the table sizes).
 *
 * <pre>{@code
 * PostgresPlanAnalyzer analyzer = PostgresPlanAnalyzer.builder().largeTableRows(50_000).build();
 * List<PlanFinding> findings = analyzer.analyze(planJson);
 * }</pre>
 */
public final class PostgresPlanAnalyzer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PostgresPlanAnalyzer DEFAULTS = builder().build();

    final long largeTableRows;
    final double selectiveFraction;
    final long minRemovedRows;
    final double removedRatio;
    final double estimateFactor;
    final long minEstimateRows;
    final long nestedLoopOuterRows;

    PostgresPlanAnalyzer(PostgresPlanAnalyzerBuilder b) {
        this.largeTableRows = b.largeTableRows;
        this.selectiveFraction = b.selectiveFraction;
        this.minRemovedRows = b.minRemovedRows;
        this.removedRatio = b.removedRatio;
        this.estimateFactor = b.estimateFactor;
        this.minEstimateRows = b.minEstimateRows;
        this.nestedLoopOuterRows = b.nestedLoopOuterRows;
    }

    /** The analyzer with default thresholds (see {@link PostgresPlanAnalyzerBuilder}). */
    public static PostgresPlanAnalyzer defaults() {
        return DEFAULTS;
    }

    /** A builder of thresholds, starting from the defaults. */
    public static PostgresPlanAnalyzerBuilder builder() {
        return new PostgresPlanAnalyzerBuilder();
    }

    /**
     * Analyzes a plan without known table sizes.
     *
     * @throws IllegalArgumentException if {@code planJson} is not a PostgreSQL JSON plan
     * @throws NullPointerException if {@code planJson} is null
     */
    public List<PlanFinding> analyze(String planJson) {
        return analyze(planJson, Map.of());
    }

    /**
     * Analyzes a plan; {@code relationRows} maps a relation name to its approximate row count, which lets a
     * plan without ANALYZE show a selective sequential scan.
     *
     * @throws IllegalArgumentException if {@code planJson} is not a PostgreSQL JSON plan
     * @throws NullPointerException if an argument is null
     */
    public List<PlanFinding> analyze(String planJson, Map<String, Long> relationRows) {
        Objects.requireNonNull(relationRows, "relationRows");
        List<PlanFinding> findings = new ArrayList<>();
        PlanNodeChecks checks = new PlanNodeChecks(this, relationRows, findings);
        for (JsonNode root : roots(planJson)) {
            walk(root, checks);
        }
        return List.copyOf(findings);
    }

    /**
     * The names of the relations scanned sequentially in a plan.
     *
     * @throws IllegalArgumentException if {@code planJson} is not a PostgreSQL JSON plan
     */
    public Set<String> seqScannedRelations(String planJson) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode root : roots(planJson)) {
            collectSeqScans(root, names);
        }
        return names;
    }

    /**
     * For each relation read by a sequential scan, the rows scanned: with ANALYZE the rows returned plus
     * removed by filter over all loops; without, the size given in {@code relationRows} (absent if not given).
     *
     * @throws IllegalArgumentException if {@code planJson} is not a PostgreSQL JSON plan
     */
    public Map<String, Long> seqScanRows(String planJson, Map<String, Long> relationRows) {
        Map<String, Long> rows = new java.util.HashMap<>();
        for (JsonNode root : roots(planJson)) {
            collectSeqScanRows(root, relationRows, rows);
        }
        return rows;
    }

    private static void collectSeqScanRows(JsonNode node, Map<String, Long> relationRows, Map<String, Long> out) {
        if (isSeqScan(node) && node.has("Relation Name")) {
            String relation = node.get("Relation Name").asText();
            Long scanned = null;
            if (node.has("Actual Rows")) {
                long loops = Math.max(1, node.path("Actual Loops").asLong(1));
                scanned = (node.path("Actual Rows").asLong()
                                + node.path("Rows Removed by Filter").asLong())
                        * loops;
            } else {
                scanned = relationRows.get(relation);
            }
            if (scanned != null) {
                out.merge(relation, scanned, Math::max);
            }
        }
        for (JsonNode child : node.path("Plans")) {
            collectSeqScanRows(child, relationRows, out);
        }
    }

    static boolean isSeqScan(JsonNode node) {
        String type = node.path("Node Type").asText();
        return "Seq Scan".equals(type) || "Parallel Seq Scan".equals(type);
    }

    private static void collectSeqScans(JsonNode node, Set<String> names) {
        if (isSeqScan(node) && node.has("Relation Name")) {
            names.add(node.get("Relation Name").asText());
        }
        for (JsonNode child : node.path("Plans")) {
            collectSeqScans(child, names);
        }
    }

    private static void walk(JsonNode node, PlanNodeChecks checks) {
        checks.check(node);
        for (JsonNode child : node.path("Plans")) {
            walk(child, checks);
        }
    }

    private static List<JsonNode> roots(String planJson) {
        Objects.requireNonNull(planJson, "planJson");
        JsonNode doc;
        try {
            doc = JSON.readTree(planJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("planJson is not JSON: " + e.getOriginalMessage(), e);
        }
        List<JsonNode> roots = new ArrayList<>();
        if (doc != null && doc.isArray()) {
            for (JsonNode entry : doc) {
                if (entry.has("Plan") && entry.get("Plan").isObject()) {
                    roots.add(entry.get("Plan"));
                }
            }
        }
        if (roots.isEmpty()) {
            throw new IllegalArgumentException(
                    "planJson is not a PostgreSQL EXPLAIN (FORMAT JSON) document: expected [{\"Plan\": {...}}]");
        }
        return roots;
    }
}
