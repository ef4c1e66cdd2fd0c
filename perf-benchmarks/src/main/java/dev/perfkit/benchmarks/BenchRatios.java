package dev.perfkit.benchmarks;

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
 * Pairs the {@code perfkit*} and {@code baseline*} methods of each JMH class in a {@code -rf json} result and prints
 * their ratio with its interval, so a claim reads "1.42x [1.31, 1.55]" instead of two raw scores.
 *
 * <p>A ratio above 1 means perfkit is faster in every mode (throughput: perfkit/baseline; time: baseline/perfkit).
 * The interval is the ratio of the scores' JMH confidence bounds (99.9% by default); when the two scores'
 * intervals overlap the row says "not significant", and it is not a pass. With {@code --min R}, exits 1 when a
 * significant ratio is below R.
 *
 * <pre>{@code
 * java -cp perf-benchmarks/target/benchmarks.jar dev.perfkit.benchmarks.BenchRatios result.json
 * }</pre>
 */
public final class BenchRatios {
    private BenchRatios() {}

    /** One perfkit/baseline pair: the ratio, its interval, and whether the scores' intervals are apart. */
    record Row(String name, double ratio, double low, double high, boolean significant, String detail) {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            System.out.println("usage: BenchRatios RESULT.json [--min RATIO]");
            return;
        }
        double min = args.length == 3 && args[1].equals("--min") ? Double.parseDouble(args[2]) : Double.NaN;
        List<Row> rows = rows(new ObjectMapper().readTree(Files.readString(Path.of(args[0]))));
        if (rows.isEmpty()) {
            System.out.println("no perfkit*/baseline* pairs found in " + args[0]);
            System.exit(1);
        }
        boolean below = false;
        System.out.println("ratio [interval] (>1: perfkit faster)  benchmark");
        for (Row r : rows) {
            System.out.printf(
                    Locale.ROOT,
                    "%7.3f [%.3f, %.3f] %-16s %s  %s%n",
                    r.ratio(),
                    r.low(),
                    r.high(),
                    r.significant() ? "" : "not significant",
                    r.name(),
                    r.detail());
            below |= r.significant() && r.ratio() < min;
        }
        System.exit(below ? 1 : 0);
    }

    static List<Row> rows(JsonNode results) {
        Map<String, Map<String, JsonNode>> pairs = new TreeMap<>();
        for (JsonNode run : results) {
            String benchmark = run.path("benchmark").asText();
            String cls = benchmark.substring(0, Math.max(0, benchmark.lastIndexOf('.')));
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
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
            String key = cls.substring(cls.lastIndexOf('.') + 1)
                    + method.substring(kind.length()).replaceFirst("^(.)", ".$1")
                    + (params.length() == 0 ? "" : params + "]");
            pairs.computeIfAbsent(key, k -> new TreeMap<>()).put(kind, run);
        }
        List<Row> rows = new ArrayList<>();
        pairs.forEach((name, pair) -> {
            JsonNode p = pair.get("perfkit");
            JsonNode b = pair.get("baseline");
            if (p != null && b != null) {
                rows.add(row(name, p, b));
            }
        });
        return rows;
    }

    private static Row row(String name, JsonNode perfkit, JsonNode baseline) {
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
        return new Row(name, ratio, Math.max(0, low), high < 0 ? Double.POSITIVE_INFINITY : high, significant, detail);
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
