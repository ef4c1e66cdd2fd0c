package dev.perfkit.metrics.slo;

import java.util.Map;
import java.util.StringJoiner;

/** The PromQL of an SLO's SLI, over the series Micrometer's Prometheus registry publishes for a timer. */
final class PromQl {
    private PromQl() {}

    /** The Prometheus name Micrometer gives a timer's series: dots to underscores, then {@code _seconds}. */
    static String timerBase(String meter) {
        return meter.replaceAll("[^a-zA-Z0-9_:]", "_") + "_seconds";
    }

    static String label(String tag) {
        return tag.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    /** A PromQL string literal of {@code value} (backslashes and quotes escaped). */
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String selector(Slo slo, String extra) {
        StringJoiner j = new StringJoiner(",", "{", "}");
        for (Map.Entry<String, String> e : slo.tags().entrySet()) {
            j.add(label(e.getKey()) + "=" + quoted(e.getValue()));
        }
        if (!extra.isEmpty()) {
            j.add(extra);
        }
        return j.toString();
    }

    /** The le label value Micrometer's Prometheus registry writes for {@code slo}'s threshold. */
    static String le(Slo slo) {
        return Double.toString(slo.threshold().toNanos() / 1e9);
    }

    /** The error ratio of {@code slo} over {@code window} (a Prometheus duration). */
    static String errorRatio(Slo slo, String window) {
        String base = timerBase(slo.meter());
        String total = "sum(rate(" + base + "_count" + selector(slo, "") + "[" + window + "]))";
        if (slo.kind() == Slo.Kind.AVAILABILITY) {
            String errors = "sum(rate(" + base + "_count"
                    + selector(slo, label(slo.errorTag()) + "=~" + quoted(slo.errorValues())) + "[" + window + "]))";
            return "(" + errors + " or vector(0)) / " + total;
        }
        String good = "sum(rate(" + base + "_bucket" + selector(slo, "le=" + quoted(le(slo))) + "[" + window + "]))";
        // No "or vector(0)" here: a timer without the bucket (SloMeterFilter missing) must give no data, not 100%
        // errors. Micrometer publishes every bucket from the first request, at 0 when no request was fast.
        return "1 - (" + good + " / " + total + ")";
    }
}
