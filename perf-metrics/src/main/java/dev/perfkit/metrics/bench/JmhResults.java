package dev.perfkit.metrics.bench;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads JMH's JSON result format ({@code -rf json}): a list of benchmarks with {@code benchmark}, {@code mode},
 * optional {@code params} and {@code primaryMetric} ({@code score}, {@code scoreError}, {@code scoreConfidence},
 * {@code scoreUnit}, optional {@code rawData}).
 *
 * {@snippet class=dev.perfkit.metrics.bench.BenchSnippets region=basic}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class JmhResults {
    private static final long MAX_BYTES = 256L << 20;
    private static final int MAX_RAW = 1_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private JmhResults() {}

    /**
     * Reads the results in {@code file}.
     *
     * @throws JmhFormatException naming the file (and the field) when it cannot be read or is not JMH's format
     */
    public static List<JmhResult> read(Path file) {
        String name = file.toString();
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new JmhFormatException(name + ": larger than 256 MiB, not a JMH result file");
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw new JmhFormatException(name + ": cannot be read: " + e, e);
        }
        return parse(name, text);
    }

    /**
     * Reads the results in {@code json}; {@code source} names it in messages.
     *
     * @throws JmhFormatException naming the source and the field when it is not JMH's format
     */
    public static List<JmhResult> parse(String source, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new JmhFormatException(source + ": not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new JmhFormatException(source + ": must be a JSON list of benchmark results (JMH's -rf json)");
        }
        List<JmhResult> results = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            results.add(one(source + ": [" + i + "]", root.get(i)));
        }
        return results;
    }

    private static JmhResult one(String at, JsonNode node) {
        if (!node.isObject()) {
            throw new JmhFormatException(at + ": must be an object with benchmark, mode and primaryMetric");
        }
        String benchmark = text(at, node, "benchmark");
        String modeText = text(at, node, "mode");
        JmhResult.Mode mode = null;
        for (JmhResult.Mode m : JmhResult.Mode.values()) {
            if (m.token().equals(modeText.toLowerCase(Locale.ROOT))) {
                mode = m;
            }
        }
        if (mode == null) {
            throw new JmhFormatException(at + ".mode: must be thrpt, avgt, sample or ss, but was '" + modeText + "'");
        }
        Map<String, String> params = new TreeMap<>();
        JsonNode p = node.path("params");
        if (!p.isMissingNode() && !p.isNull()) {
            if (!p.isObject()) {
                throw new JmhFormatException(at + ".params: must be an object of parameter values");
            }
            for (Map.Entry<String, JsonNode> e : p.properties()) {
                params.put(e.getKey(), e.getValue().asText());
            }
        }
        JsonNode metric = node.path("primaryMetric");
        if (!metric.isObject()) {
            throw new JmhFormatException(at + ".primaryMetric: missing; must be an object with score and scoreUnit");
        }
        String m = at + ".primaryMetric";
        double score = number(m, metric, "score", false);
        double error = number(m, metric, "scoreError", true);
        double low = Double.NaN;
        double high = Double.NaN;
        JsonNode ci = metric.path("scoreConfidence");
        if (!ci.isMissingNode()) {
            if (!ci.isArray() || ci.size() != 2) {
                throw new JmhFormatException(m + ".scoreConfidence: must be a list of two numbers [low, high]");
            }
            low = value(m + ".scoreConfidence[0]", ci.get(0), true);
            high = value(m + ".scoreConfidence[1]", ci.get(1), true);
        } else if (!Double.isNaN(error)) {
            low = score - error;
            high = score + error;
        }
        String unit = text(m, metric, "scoreUnit");
        List<Double> raw = new ArrayList<>();
        JsonNode rawData = metric.path("rawData");
        if (!rawData.isMissingNode()) {
            if (!rawData.isArray()) {
                throw new JmhFormatException(m + ".rawData: must be a list of lists of numbers (per fork)");
            }
            for (int f = 0; f < rawData.size(); f++) {
                JsonNode fork = rawData.get(f);
                if (!fork.isArray()) {
                    throw new JmhFormatException(m + ".rawData[" + f + "]: must be a list of numbers");
                }
                for (int k = 0; k < fork.size(); k++) {
                    if (raw.size() >= MAX_RAW) {
                        throw new JmhFormatException(m + ".rawData: more than " + MAX_RAW + " values");
                    }
                    raw.add(value(m + ".rawData[" + f + "][" + k + "]", fork.get(k), false));
                }
            }
        }
        return new JmhResult(
                benchmark,
                mode,
                params,
                score,
                error,
                low,
                high,
                unit,
                raw.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String text(String at, JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new JmhFormatException(at + "." + field + ": missing or not a non-empty string");
        }
        return v.asText();
    }

    private static double number(String at, JsonNode node, String field, boolean nanAllowed) {
        JsonNode v = node.path(field);
        if (v.isMissingNode()) {
            if (nanAllowed) {
                return Double.NaN;
            }
            throw new JmhFormatException(at + "." + field + ": missing; must be a number");
        }
        return value(at + "." + field, v, nanAllowed);
    }

    /** A number; JMH writes NaN as the string "NaN" where an interval cannot be computed. */
    private static double value(String at, JsonNode v, boolean nanAllowed) {
        if (v.isNumber()) {
            double d = v.asDouble();
            if (Double.isFinite(d)) {
                return d;
            }
        } else if (nanAllowed && v.isTextual() && v.asText().equals("NaN")) {
            return Double.NaN;
        }
        throw new JmhFormatException(
                at + ": must be a finite number" + (nanAllowed ? " or \"NaN\"" : "") + ", but was " + v);
    }
}
