package dev.perfkit.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pairs the {@code perfkit*} and {@code baseline*} methods of each JMH class (with the same parameters) in a
 * {@code -rf json} result.
 *
 * <p>A ratio above 1 means perfkit is better in every mode (throughput: perfkit/baseline; time per operation:
 * baseline/perfkit). Its interval is the ratio of the scores' JMH confidence bounds (99.9% by default); when the
 * two scores' intervals overlap the pair is "not significant". A class whose name contains {@code Overhead}
 * measures a cost, where 1.0 is the best possible; it is listed apart. {@code HarnessBenchmark} (the harness's
 * self-test) is left out. A method whose partner has no result is reported as incomplete: JMH drops a benchmark
 * that threw from the results and still exits 0.
 */
final class JmhPairs {
    private JmhPairs() {}

    /** One perfkit/baseline pair. */
    record Pair(
            String name, boolean overhead, double ratio, double low, double high, boolean significant, String detail) {
        String line() {
            return String.format(
                    Locale.ROOT,
                    "%7.3f [%.3f, %.3f] %-16s %s  %s",
                    ratio,
                    low,
                    high,
                    significant ? "" : "not significant",
                    name,
                    detail);
        }
    }

    /** The pairs, and the benchmarks whose partner is missing. */
    record Result(List<Pair> pairs, List<String> incomplete) {}

    static Result read(JsonNode results) {
        if (!results.isArray()) {
            throw new IllegalArgumentException("not a JMH JSON result (-rf json): the top level must be an array");
        }
        Map<String, Map<String, JsonNode>> pairs = new TreeMap<>();
        for (JsonNode run : results) {
            String benchmark = run.path("benchmark").asText("");
            int dot = benchmark.lastIndexOf('.');
            if (dot < 0 || !run.has("primaryMetric")) {
                throw new IllegalArgumentException(
                        "not a JMH JSON result (-rf json): an entry has no \"benchmark\" or \"primaryMetric\"");
            }
            String cls = benchmark.substring(0, dot);
            String simpleClass = cls.substring(cls.lastIndexOf('.') + 1);
            if (simpleClass.equals("HarnessBenchmark")) {
                continue;
            }
            String method = benchmark.substring(dot + 1);
            String kind = method.startsWith("perfkit") ? "perfkit" : method.startsWith("baseline") ? "baseline" : "";
            if (kind.isEmpty()) {
                continue;
            }
            StringBuilder params = new StringBuilder();
            new TreeMap<>(paramsOf(run))
                    .forEach((k, v) -> params.append(params.length() == 0 ? " [" : ",")
                            .append(k)
                            .append('=')
                            .append(v));
            String key = simpleClass
                    + method.substring(kind.length()).replaceFirst("^(.)", ".$1")
                    + (params.length() == 0 ? "" : params + "]");
            pairs.computeIfAbsent(key, k -> new TreeMap<>()).put(kind, run);
        }
        List<Pair> rows = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        pairs.forEach((name, pair) -> {
            JsonNode p = pair.get("perfkit");
            JsonNode b = pair.get("baseline");
            if (p != null && b != null) {
                rows.add(pair(name, p, b));
            } else {
                incomplete.add(name + ": " + (p == null ? "the perfkit" : "the baseline")
                        + " method has no result (it failed, or was not run)");
            }
        });
        return new Result(rows, incomplete);
    }

    private static Pair pair(String name, JsonNode perfkit, JsonNode baseline) {
        JsonNode p = perfkit.path("primaryMetric");
        JsonNode b = baseline.path("primaryMetric");
        double ps = p.path("score").asDouble();
        double pe = errorOf(p);
        double bs = b.path("score").asDouble();
        double be = errorOf(b);
        boolean higherIsBetter = perfkit.path("mode").asText().equals("thrpt");
        double ratio = higherIsBetter ? ps / bs : bs / ps;
        double low = higherIsBetter ? (ps - pe) / (bs + be) : (bs - be) / (ps + pe);
        double high = higherIsBetter ? (ps + pe) / (bs - be) : (bs + be) / (ps - pe);
        boolean significant = ps - pe > bs + be || ps + pe < bs - be;
        String detail = String.format(
                Locale.ROOT,
                "perfkit=%.4g±%.2g baseline=%.4g±%.2g %s",
                ps,
                pe,
                bs,
                be,
                p.path("scoreUnit").asText());
        return new Pair(
                name,
                name.contains("Overhead"),
                ratio,
                Math.max(0, low),
                high < 0 ? Double.POSITIVE_INFINITY : high,
                significant,
                detail);
    }

    private static double errorOf(JsonNode metric) {
        double error = metric.path("scoreError").asDouble(Double.NaN);
        return Double.isNaN(error) ? 0 : error; // a single iteration has no error estimate: JMH writes "NaN"
    }

    private static Map<String, String> paramsOf(JsonNode run) {
        Map<String, String> params = new TreeMap<>();
        run.path("params")
                .properties()
                .forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        return params;
    }
}
