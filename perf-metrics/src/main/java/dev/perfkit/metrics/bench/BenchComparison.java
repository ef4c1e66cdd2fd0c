package dev.perfkit.metrics.bench;

import dev.perfkit.metrics.internal.Welch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Compares two JMH runs, benchmark by benchmark (same name, mode and parameters), knowing which direction is better
 * for each mode (thrpt: higher; avgt, sample, ss: lower). A benchmark regressed only when it got worse by more
 * than the threshold <em>and</em> the change is significant: the two 99.9% confidence intervals do not overlap,
 * or Welch's t-test on the raw iteration scores rejects equal means at the 0.001 level. A change past the
 * threshold that is not significant is reported as such, never as a regression; so is a change whose intervals
 * are unknown (JMH writes NaN for two or fewer iterations) and that has no raw data. Benchmarks in one file only
 * are listed, not failed.
 *
 * {@snippet class=dev.perfkit.metrics.bench.BenchSnippets region=basic}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class BenchComparison {
    /** The significance level of the t-test, the complement of JMH's 99.9% intervals. */
    public static final double ALPHA = 0.001;

    /** What became of one benchmark. */
    public enum Verdict {
        /** Worse by more than the threshold, and significant. */
        REGRESSION("regression"),
        /** Better by more than the threshold, and significant. */
        IMPROVEMENT("improvement"),
        /** Changed by more than the threshold, but within the noise. */
        NOT_SIGNIFICANT("not significant"),
        /** Changed by no more than the threshold. */
        UNCHANGED("unchanged"),
        /** The units of the two results differ, so they are not compared. */
        UNIT_CHANGED("unit changed"),
        /** Only in the base file. */
        ONLY_IN_BASE("only in base"),
        /** Only in the new file. */
        ONLY_IN_NEW("only in new");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        /** Returns the verdict as the table writes it. */
        public String text() {
            return text;
        }
    }

    /**
     * One line of the comparison.
     *
     * @param base the base result, null when only in the new file
     * @param next the new result, null when only in the base file
     * @param change the relative change of the score, (new - base) / base; NaN when one is missing
     * @param verdict what it means
     */
    public record Row(@Nullable JmhResult base, @Nullable JmhResult next, double change, Verdict verdict) {
        /** Returns the benchmark's name. */
        public String benchmark() {
            return any().benchmark();
        }

        JmhResult any() {
            JmhResult b = base;
            return b != null ? b : Objects.requireNonNull(next);
        }
    }

    private final List<Row> rows;
    private final double threshold;

    private BenchComparison(List<Row> rows, double threshold) {
        this.rows = List.copyOf(rows);
        this.threshold = threshold;
    }

    /**
     * Compares {@code next} with {@code base}.
     *
     * @param thresholdPercent how much worse, in percent, a significant change must be to count as a regression
     * @throws IllegalArgumentException if the threshold is not 0 to 1000 or a file repeats a benchmark
     */
    public static BenchComparison compare(List<JmhResult> base, List<JmhResult> next, double thresholdPercent) {
        if (!(thresholdPercent >= 0 && thresholdPercent <= 1000)) {
            throw new IllegalArgumentException("threshold must be 0 to 1000 percent, but was " + thresholdPercent);
        }
        double threshold = thresholdPercent / 100;
        Map<String, JmhResult> baseByKey = byKey(base, "base");
        Map<String, JmhResult> nextByKey = byKey(next, "new");
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, JmhResult> e : baseByKey.entrySet()) {
            JmhResult b = e.getValue();
            JmhResult n = nextByKey.get(e.getKey());
            if (n == null) {
                rows.add(new Row(b, null, Double.NaN, Verdict.ONLY_IN_BASE));
            } else {
                rows.add(compare(b, n, threshold));
            }
        }
        for (Map.Entry<String, JmhResult> e : nextByKey.entrySet()) {
            if (!baseByKey.containsKey(e.getKey())) {
                rows.add(new Row(null, e.getValue(), Double.NaN, Verdict.ONLY_IN_NEW));
            }
        }
        return new BenchComparison(rows, threshold);
    }

    private static Map<String, JmhResult> byKey(List<JmhResult> results, String which) {
        Map<String, JmhResult> map = new LinkedHashMap<>();
        for (JmhResult r : results) {
            if (map.put(r.key(), r) != null) {
                throw new IllegalArgumentException(
                        "the " + which + " file has " + r.benchmark() + " (" + r.paramsText() + ") twice");
            }
        }
        return map;
    }

    private static Row compare(JmhResult b, JmhResult n, double threshold) {
        if (!b.unit().equals(n.unit())) {
            return new Row(b, n, Double.NaN, Verdict.UNIT_CHANGED);
        }
        double change = b.score() == 0
                ? (n.score() == 0 ? 0 : Double.POSITIVE_INFINITY)
                : (n.score() - b.score()) / Math.abs(b.score());
        double worse = b.mode().higherIsBetter() ? -change : change;
        if (Math.abs(change) <= threshold) {
            return new Row(b, n, change, Verdict.UNCHANGED);
        }
        if (!significant(b, n)) {
            return new Row(b, n, change, Verdict.NOT_SIGNIFICANT);
        }
        return new Row(b, n, change, worse > 0 ? Verdict.REGRESSION : Verdict.IMPROVEMENT);
    }

    /** Whether the intervals are disjoint, or Welch's test on the raw data rejects equality. */
    static boolean significant(JmhResult b, JmhResult n) {
        boolean intervals =
                !Double.isNaN(b.low()) && !Double.isNaN(b.high()) && !Double.isNaN(n.low()) && !Double.isNaN(n.high());
        if (intervals && (b.high() < n.low() || n.high() < b.low())) {
            return true;
        }
        double p = Welch.pValue(b.raw(), n.raw());
        return !Double.isNaN(p) && p < ALPHA;
    }

    /** Returns the rows, base order first, then the benchmarks only in the new file. */
    public List<Row> rows() {
        return rows;
    }

    /** Returns whether any benchmark regressed. */
    public boolean hasRegression() {
        return rows.stream().anyMatch(r -> r.verdict() == Verdict.REGRESSION);
    }

    /** Returns the comparison as a Markdown table: benchmark, params, base, new, change, verdict. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| benchmark | params | base | new | change | verdict |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | --- |\n");
        for (Row r : rows) {
            JmhResult any = r.any();
            sb.append("| ")
                    .append(cell(any.benchmark() + " (" + any.mode().token() + ")"))
                    .append(" | ")
                    .append(cell(any.paramsText()))
                    .append(" | ")
                    .append(score(r.base()))
                    .append(" | ")
                    .append(score(r.next()))
                    .append(" | ")
                    .append(Double.isNaN(r.change()) ? "" : String.format(Locale.ROOT, "%+.1f%%", r.change() * 100))
                    .append(" | ")
                    .append(r.verdict().text())
                    .append(" |\n");
        }
        sb.append(String.format(
                Locale.ROOT,
                "%nthreshold %.1f%%; a regression needs disjoint 99.9%% intervals or Welch p < %s;"
                        + " thrpt: higher is better, avgt/sample/ss: lower is better%n",
                threshold * 100,
                ALPHA));
        return sb.toString();
    }

    private static String score(@Nullable JmhResult r) {
        if (r == null) {
            return "";
        }
        String error = Double.isNaN(r.scoreError()) ? "" : String.format(Locale.ROOT, " ± %.3f", r.scoreError());
        return String.format(Locale.ROOT, "%.3f%s %s", r.score(), error, cell(r.unit()));
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
