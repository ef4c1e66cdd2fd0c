package dev.perfkit.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.db.plan.ExplainedPlan;
import dev.perfkit.db.plan.PlanFinding;
import java.util.stream.Collectors;

/**
 * The log lines of a captured plan: one WARN line with the plan's top node, cost and findings, and the plan
 * itself as one line for DEBUG (a PostgreSQL JSON plan is 50+ lines pretty-printed). The full plan stays
 * available to the listener through {@link PlanCapturedEvent}.
 */
final class PlanLogLines {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 200;

    private PlanLogLines() {}

    /** {@code Plan of slow query <fp>: Seq Scan on item, cost 1234.5, rows 50000; findings: ...}, one line. */
    static String summary(String fingerprint, ExplainedPlan plan) {
        String findings = plan.findings().isEmpty()
                ? "none"
                : plan.findings().stream().map(PlanLogLines::finding).collect(Collectors.joining("; "));
        return "Plan of slow query " + oneLine(fingerprint) + ": " + topNode(plan.planText()) + "; findings: "
                + findings;
    }

    /** The plan text on one line: compact JSON when it parses, else the text with line breaks folded. */
    static String plan(ExplainedPlan plan) {
        try {
            return JSON.writeValueAsString(JSON.readTree(plan.planText()));
        } catch (JsonProcessingException | RuntimeException e) {
            return oneLine(plan.planText());
        }
    }

    private static String finding(PlanFinding finding) {
        return finding.kind() + " " + oneLine(finding.message());
    }

    private static String topNode(String planText) {
        try {
            JsonNode root = JSON.readTree(planText);
            JsonNode top = root.path(0).path("Plan");
            if (top.isMissingNode()) {
                return "plan not in PostgreSQL's JSON form";
            }
            StringBuilder sb = new StringBuilder(top.path("Node Type").asText("?"));
            if (top.has("Relation Name")) {
                sb.append(" on ").append(top.path("Relation Name").asText());
            }
            sb.append(", cost ").append(top.path("Total Cost").asText("?"));
            sb.append(", rows ").append(top.path("Plan Rows").asText("?"));
            if (top.has("Actual Total Time")) {
                sb.append(", actual ")
                        .append(top.path("Actual Total Time").asText())
                        .append(" ms");
            }
            return sb.toString();
        } catch (JsonProcessingException | RuntimeException e) {
            return "plan not in PostgreSQL's JSON form";
        }
    }

    private static String oneLine(String text) {
        String folded = text.replaceAll("\\s+", " ").strip();
        return folded.length() <= MAX_TEXT ? folded : folded.substring(0, MAX_TEXT) + "...";
    }
}
