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
        }
        ArrayNode unused = root.putArray("unusedIndexes");
        for (AdvisorReport.UnusedIndex x : r.unusedIndexes()) {
            unused.addObject()
                    .put("index", x.index())
                    .put("table", x.table())
                    .put("sizeBytes", x.sizeBytes())
                    .put("ddl", x.ddl());
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
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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
                    "    workload cost %.1f -> %.1f (%.1f%% lower), used by %d quer%s%n",
                    x.workloadCostBefore(),
                    x.workloadCostAfter(),
                    x.workloadCostBefore() == 0 ? 0 : 100 * (1 - x.workloadCostAfter() / x.workloadCostBefore()),
                    x.queries().size(),
                    x.queries().size() == 1 ? "y" : "ies"));
            x.queries().forEach(q -> sb.append("      ").append(q).append('\n'));
        }
        sb.append("\nUnused indexes: ").append(r.unusedIndexes().size()).append('\n');
        r.unusedIndexes()
                .forEach(x -> sb.append("  ")
                        .append(x.ddl())
                        .append(";  -- on ")
                        .append(x.table())
                        .append(", ")
                        .append(x.sizeBytes())
                        .append(" bytes, no scans since stats reset\n"));
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
