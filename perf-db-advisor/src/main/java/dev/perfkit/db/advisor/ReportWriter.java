package dev.perfkit.db.advisor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** Renders an {@link AdvisorReport} as the CLI's JSON object or as readable text. */
final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportWriter() {}

    static String json(AdvisorReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("mode", r.mode().jsonName());
        ArrayNode recs = root.putArray("recommendations");
        for (AdvisorReport.Recommendation x : r.recommendations()) {
            ObjectNode o = recs.addObject();
            o.put("table", x.table());
            strings(o.putArray("columns"), x.columns());
            strings(o.putArray("include"), x.include());
            if (x.where() == null) {
                o.putNull("where");
            } else {
                o.put("where", x.where());
            }
            o.put("ddl", x.ddl());
            o.put("workloadCostBefore", x.workloadCostBefore());
            o.put("workloadCostAfter", x.workloadCostAfter());
            strings(o.putArray("queries"), x.queries());
            o.put("estimatedBytes", x.estimatedBytes());
        }
        ArrayNode unused = root.putArray("unusedIndexes");
        for (AdvisorReport.UnusedIndex x : r.unusedIndexes()) {
            unused.addObject()
                    .put("index", x.index())
                    .put("table", x.table())
                    .put("sizeBytes", x.sizeBytes())
                    .put("ddl", x.ddl())
                    .put("statsAgeSeconds", seconds(x.statsAge()))
                    .put("indexAgeSeconds", seconds(x.indexAge()));
        }
        ArrayNode dups = root.putArray("duplicateIndexes");
        for (AdvisorReport.DuplicateIndex x : r.duplicateIndexes()) {
            dups.addObject()
                    .put("index", x.index())
                    .put("coveredBy", x.coveredBy())
                    .put("ddl", x.ddl());
        }
        ArrayNode fks = root.putArray("missingForeignKeyIndexes");
        for (AdvisorReport.MissingForeignKeyIndex x : r.missingForeignKeyIndexes()) {
            ObjectNode o = fks.addObject().put("table", x.table());
            strings(o.putArray("columns"), x.columns());
            o.put("ddl", x.ddl());
        }
        ArrayNode invalid = root.putArray("invalidIndexes");
        for (AdvisorReport.InvalidIndex x : r.invalidIndexes()) {
            invalid.addObject().put("index", x.index()).put("table", x.table()).put("ddl", x.ddl());
        }
        ArrayNode skipped = root.putArray("skipped");
        for (AdvisorReport.Skipped x : r.skipped()) {
            skipped.addObject().put("query", x.query()).put("reason", x.reason());
        }
        ArrayNode stale = root.putArray("staleTables");
        for (AdvisorReport.StaleTable x : r.staleTables()) {
            stale.addObject()
                    .put("table", x.table())
                    .put("liveTuples", x.liveTuples())
                    .put("deadTuples", x.deadTuples())
                    .put("modifiedSinceAnalyze", x.modifiedSinceAnalyze())
                    .put("lastAnalyzed", x.lastAnalyzed() == null ? null : String.valueOf(x.lastAnalyzed()))
                    .put("reason", x.reason())
                    .put("ddl", x.ddl());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static @org.jspecify.annotations.Nullable Long seconds(
            java.time.@org.jspecify.annotations.Nullable Duration d) {
        return d == null ? null : d.toSeconds();
    }

    private static String ageText(
            java.time.@org.jspecify.annotations.Nullable Duration d, String unknown, String known) {
        return d == null ? unknown : String.format(Locale.ROOT, known, age(d));
    }

    private static String age(java.time.Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        if (s < 172_800) {
            return s / 3600 + " h";
        }
        return s / 86_400 + " days";
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    static String text(AdvisorReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Index advisor (what-if mode: ").append(r.mode().jsonName());
        sb.append(
                r.mode() == WhatIfMode.HYPOPG
                        ? ", hypothetical indexes, nothing built)\n"
                        : ", candidate indexes were BUILT inside transactions and rolled back)\n");
        sb.append("\nRecommended indexes: ").append(r.recommendations().size()).append('\n');
        for (AdvisorReport.Recommendation x : r.recommendations()) {
            sb.append("  ").append(x.ddl()).append(";\n");
            sb.append(String.format(
                    Locale.ROOT,
                    "    workload cost %.1f -> %.1f (%.1f%% lower), about %d bytes, used by %d quer%s%n",
                    x.workloadCostBefore(),
                    x.workloadCostAfter(),
                    x.workloadCostBefore() == 0 ? 0 : 100 * (1 - x.workloadCostAfter() / x.workloadCostBefore()),
                    x.estimatedBytes(),
                    x.queries().size(),
                    x.queries().size() == 1 ? "y" : "ies"));
            x.queries().forEach(q -> sb.append("      ").append(q).append('\n'));
        }
        if (!r.staleTables().isEmpty()) {
            sb.append("\nTables to vacuum or analyse before trusting this advice: ")
                    .append(r.staleTables().size())
                    .append('\n');
            r.staleTables()
                    .forEach(x -> sb.append("  ")
                            .append(x.ddl())
                            .append(";  -- ")
                            .append(x.reason())
                            .append('\n'));
        }
        sb.append("\nUnused indexes: ").append(r.unusedIndexes().size()).append('\n');
        r.unusedIndexes()
                .forEach(x -> sb.append("  ")
                        .append(x.ddl())
                        .append(";  -- on ")
                        .append(x.table())
                        .append(", ")
                        .append(x.sizeBytes())
                        .append(" bytes, no scans ")
                        .append(ageText(
                                x.statsAge(),
                                "since the statistics began (never reset)",
                                "in %s since the stats reset"))
                        .append(ageText(x.indexAge(), ", index age unknown", ", index created %s ago"))
                        .append('\n'));
        sb.append("\nDuplicate or redundant indexes: ")
                .append(r.duplicateIndexes().size())
                .append('\n');
        r.duplicateIndexes()
                .forEach(x -> sb.append("  ")
                        .append(x.ddl())
                        .append(";  -- covered by ")
                        .append(x.coveredBy())
                        .append('\n'));
        sb.append("\nForeign keys without a supporting index: ")
                .append(r.missingForeignKeyIndexes().size())
                .append('\n');
        r.missingForeignKeyIndexes()
                .forEach(x -> sb.append("  ").append(x.ddl()).append(";\n"));
        sb.append("\nInvalid indexes: ").append(r.invalidIndexes().size()).append('\n');
        r.invalidIndexes()
                .forEach(x -> sb.append("  ")
                        .append(x.ddl())
                        .append(";  -- on ")
                        .append(x.table())
                        .append('\n'));
        sb.append("\nSkipped statements: ").append(r.skipped().size()).append('\n');
        r.skipped()
                .forEach(x -> sb.append("  ")
                        .append(x.query())
                        .append("\n    reason: ")
                        .append(x.reason())
                        .append('\n'));
        return sb.toString();
    }
}
