package dev.perfkit.metrics.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Builds JMH {@code -rf json} documents for tests, in the shape JMH 1.37 writes. */
public final class JmhJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ArrayNode root = JSON.createArrayNode();

    /** Adds a result whose interval is score ± error and whose raw data is {@code raw} (one fork). */
    public JmhJson add(
            String benchmark,
            String mode,
            Map<String, String> params,
            double score,
            double error,
            String unit,
            double... raw) {
        ObjectNode r = root.addObject();
        r.put("jmhVersion", "1.37");
        r.put("benchmark", benchmark);
        r.put("mode", mode);
        r.put("threads", 1);
        r.put("forks", 1);
        if (!params.isEmpty()) {
            ObjectNode p = r.putObject("params");
            params.forEach(p::put);
        }
        ObjectNode m = r.putObject("primaryMetric");
        m.put("score", score);
        if (Double.isNaN(error)) {
            m.put("scoreError", "NaN");
            m.putArray("scoreConfidence").add("NaN").add("NaN");
        } else {
            m.put("scoreError", error);
            m.putArray("scoreConfidence").add(score - error).add(score + error);
        }
        m.put("scoreUnit", unit);
        ArrayNode fork = m.putArray("rawData").addArray();
        for (double d : raw) {
            fork.add(d);
        }
        r.putObject("secondaryMetrics");
        return this;
    }

    /** Returns the document. */
    public String json() {
        return root.toPrettyString();
    }
}
