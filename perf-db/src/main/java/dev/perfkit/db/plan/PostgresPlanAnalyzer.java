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

    private PostgresPlanAnalyzer(Builder b) {
        this.largeTableRows = b.largeTableRows;
        this.selectiveFraction = b.selectiveFraction;
        this.minRemovedRows = b.minRemovedRows;
        this.removedRatio = b.removedRatio;
        this.estimateFactor = b.estimateFactor;
        this.minEstimateRows = b.minEstimateRows;
        this.nestedLoopOuterRows = b.nestedLoopOuterRows;
    }

    /** The analyzer with default thresholds (see {@link Builder}). */
    public static PostgresPlanAnalyzer defaults() {
        return DEFAULTS;
    }

    /** A builder of thresholds, starting from the defaults. */
    public static Builder builder() {
        return new Builder();
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

    /**
     * Thresholds of a {@link PostgresPlanAnalyzer}; each setter checks its value at once.
     *
     * <pre>{@code
     * PostgresPlanAnalyzer analyzer = PostgresPlanAnalyzer.builder()
     *     .largeTableRows(100_000).estimateFactor(20).build();
     * }</pre>
     */
    public static final class Builder {
        long largeTableRows = 10_000;
        double selectiveFraction = 0.1;
        long minRemovedRows = 1_000;
        double removedRatio = 10;
        double estimateFactor = 10;
        long minEstimateRows = 100;
        long nestedLoopOuterRows = 10_000;

        private Builder() {}

        /**
         * Tables with at least this many rows count as large for the seq-scan finding (default 10,000).
         *
         * @throws IllegalArgumentException if {@code rows} is below 1
         */
        public Builder largeTableRows(long rows) {
            this.largeTableRows = positive("largeTableRows", rows);
            return this;
        }

        /**
         * A filter is selective when it keeps at most this fraction of the scanned rows (default 0.1).
         *
         * @throws IllegalArgumentException if {@code fraction} is not in (0, 1]
         */
        public Builder selectiveFraction(double fraction) {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("selectiveFraction must be in (0, 1], but was " + fraction);
            }
            this.selectiveFraction = fraction;
            return this;
        }

        /**
         * Rows removed by a filter are reported from this many rows (default 1,000) ...
         *
         * @throws IllegalArgumentException if {@code rows} is below 1
         */
        public Builder minRemovedRows(long rows) {
            this.minRemovedRows = positive("minRemovedRows", rows);
            return this;
        }

        /**
         * ... when they are at least this many times the rows returned (default 10).
         *
         * @throws IllegalArgumentException if {@code ratio} is below 1
         */
        public Builder removedRatio(double ratio) {
            this.removedRatio = atLeastOne("removedRatio", ratio);
            return this;
        }

        /**
         * Row estimates off by this factor or more are reported (default 10).
         *
         * @throws IllegalArgumentException if {@code factor} is below 1
         */
        public Builder estimateFactor(double factor) {
            this.estimateFactor = atLeastOne("estimateFactor", factor);
            return this;
        }

        /**
         * Estimate errors are ignored when both estimate and actual are below this many rows (default 100).
         *
         * @throws IllegalArgumentException if {@code rows} is below 1
         */
        public Builder minEstimateRows(long rows) {
            this.minEstimateRows = positive("minEstimateRows", rows);
            return this;
        }

        /**
         * Nested loops whose outer input has at least this many rows are reported (default 10,000).
         *
         * @throws IllegalArgumentException if {@code rows} is below 1
         */
        public Builder nestedLoopOuterRows(long rows) {
            this.nestedLoopOuterRows = positive("nestedLoopOuterRows", rows);
            return this;
        }

        /** Builds the analyzer. */
        public PostgresPlanAnalyzer build() {
            return new PostgresPlanAnalyzer(this);
        }

        private static long positive(String name, long value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, but was " + value);
            }
            return value;
        }

        private static double atLeastOne(String name, double value) {
            if (!(value >= 1) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + " must be a finite number >= 1, but was " + value);
            }
            return value;
        }
    }
}
