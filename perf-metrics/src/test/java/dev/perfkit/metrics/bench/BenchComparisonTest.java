package dev.perfkit.metrics.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.metrics.bench.BenchComparison.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchComparisonTest {
    private static final String B = "dev.perfkit.benchmarks.X.perfkitGet";

    private static Verdict verdict(JmhJson base, JmhJson next) {
        return compare(base, next).rows().get(0).verdict();
    }

    private static BenchComparison compare(JmhJson base, JmhJson next) {
        return BenchComparison.compare(
                JmhResults.parse("base.json", base.json()), JmhResults.parse("new.json", next.json()), 5);
    }

    @Test
    void aThroughputDropWithDisjointIntervalsIsARegressionAndARiseAnImprovement() {
        JmhJson base = new JmhJson().add(B, "thrpt", Map.of(), 1000, 20, "ops/ms", 990, 1000, 1010);
        assertThat(verdict(base, new JmhJson().add(B, "thrpt", Map.of(), 800, 20, "ops/ms", 790, 800, 810)))
                .isEqualTo(Verdict.REGRESSION);
        assertThat(verdict(base, new JmhJson().add(B, "thrpt", Map.of(), 1200, 20, "ops/ms", 1190, 1200, 1210)))
                .isEqualTo(Verdict.IMPROVEMENT);
    }

    @Test
    void forTimeModesLowerIsBetter() {
        for (String mode : List.of("avgt", "sample", "ss")) {
            JmhJson base = new JmhJson().add(B, mode, Map.of(), 100, 2, "ns/op", 99, 100, 101);
            assertThat(verdict(base, new JmhJson().add(B, mode, Map.of(), 130, 2, "ns/op", 129, 130, 131)))
                    .as(mode)
                    .isEqualTo(Verdict.REGRESSION);
            assertThat(verdict(base, new JmhJson().add(B, mode, Map.of(), 70, 2, "ns/op", 69, 70, 71)))
                    .as(mode)
                    .isEqualTo(Verdict.IMPROVEMENT);
        }
    }

    @Test
    void aBigChangeInsideOverlappingIntervalsIsNotSignificant() {
        JmhJson base = new JmhJson().add(B, "thrpt", Map.of(), 1000, 400, "ops/ms", 600, 1000, 1400);
        JmhJson next = new JmhJson().add(B, "thrpt", Map.of(), 800, 400, "ops/ms", 500, 800, 1100);
        assertThat(verdict(base, next)).isEqualTo(Verdict.NOT_SIGNIFICANT);
    }

    @Test
    void overlappingIntervalsStillRegressWhenWelchRejectsEqualityOnTheRawData() {
        double[] tightBase = {1000, 1001, 999, 1000.5, 999.5, 1000, 1000.2, 999.8, 1000.1, 999.9};
        double[] tightNext = {900, 901, 899, 900.5, 899.5, 900, 900.2, 899.8, 900.1, 899.9};
        // intervals written wide (as from a noisy second fork), raw data of the two runs clearly apart
        JmhJson base = new JmhJson().add(B, "thrpt", Map.of(), 1000, 200, "ops/ms", tightBase);
        JmhJson next = new JmhJson().add(B, "thrpt", Map.of(), 900, 200, "ops/ms", tightNext);
        assertThat(verdict(base, next)).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void aSignificantChangeUnderTheThresholdIsUnchanged() {
        JmhJson base = new JmhJson().add(B, "avgt", Map.of(), 100, 0.1, "ns/op", 100, 100.1, 99.9);
        JmhJson next = new JmhJson().add(B, "avgt", Map.of(), 104, 0.1, "ns/op", 104, 104.1, 103.9);
        assertThat(verdict(base, next)).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void unknownIntervalsWithoutRawDataAreNeverARegression() {
        JmhJson base = new JmhJson().add(B, "ss", Map.of(), 100, Double.NaN, "ms/op", 100);
        JmhJson next = new JmhJson().add(B, "ss", Map.of(), 200, Double.NaN, "ms/op", 200);
        assertThat(verdict(base, next)).isEqualTo(Verdict.NOT_SIGNIFICANT);
    }

    @Test
    void benchmarksInOneFileOnlyAreListedNotFailedAndParamsTellResultsApart() {
        JmhJson base = new JmhJson()
                .add(B, "thrpt", Map.of("size", "10"), 1000, 1, "ops/ms", 1000, 1000.5, 999.5)
                .add(B, "thrpt", Map.of("size", "100"), 500, 1, "ops/ms", 500, 500.5, 499.5)
                .add("dev.X.removed", "thrpt", Map.of(), 1, 0.1, "ops/ms", 1, 1, 1);
        JmhJson next = new JmhJson()
                .add(B, "thrpt", Map.of("size", "10"), 1001, 1, "ops/ms", 1001, 1001.5, 1000.5)
                .add(B, "thrpt", Map.of("size", "100"), 300, 1, "ops/ms", 300, 300.5, 299.5)
                .add("dev.X.added", "thrpt", Map.of(), 1, 0.1, "ops/ms", 1, 1, 1);
        BenchComparison c = compare(base, next);
        assertThat(c.rows())
                .extracting(BenchComparison.Row::verdict)
                .containsExactly(Verdict.UNCHANGED, Verdict.REGRESSION, Verdict.ONLY_IN_BASE, Verdict.ONLY_IN_NEW);
        assertThat(c.hasRegression()).isTrue();
        String md = c.toMarkdown();
        assertThat(md).startsWith("| benchmark | params | base | new | change | verdict |\n");
        assertThat(md).contains("| size=100 | 500.000 ± 1.000 ops/ms | 300.000 ± 1.000 ops/ms | -40.0% | regression |");
        assertThat(md).contains("dev.X.removed (thrpt) |  | 1.000 ± 0.100 ops/ms |  |  | only in base |");
    }

    @Test
    void aChangedUnitIsNotCompared() {
        JmhJson base = new JmhJson().add(B, "thrpt", Map.of(), 1000, 1, "ops/ms", 1000, 1000, 1000);
        JmhJson next = new JmhJson().add(B, "thrpt", Map.of(), 1, 0.001, "ops/us", 1, 1, 1);
        assertThat(verdict(base, next)).isEqualTo(Verdict.UNIT_CHANGED);
    }

    @Test
    void welchMatchesAKnownValue() {
        // means 3 and 5, variances 2.5: t = -2, df = 8, two-sided p = 0.0805
        double p =
                dev.perfkit.metrics.internal.Welch.pValue(new double[] {1, 2, 3, 4, 5}, new double[] {3, 4, 5, 6, 7});
        assertThat(p).isCloseTo(0.0805, org.assertj.core.data.Offset.offset(0.0005));
    }

    @Test
    void malformedFilesNameTheFileAndTheField(@TempDir Path dir) throws Exception {
        String good =
                new JmhJson().add(B, "thrpt", Map.of(), 1, 0.1, "ops/ms", 1).json();
        assertBad(dir, "not json {", "x.json: not JSON");
        assertBad(dir, "{}", "x.json: must be a JSON list of benchmark results (JMH's -rf json)");
        assertBad(
                dir,
                good.replace("\"thrpt\"", "\"fast\""),
                "x.json: [0].mode: must be thrpt, avgt, sample or ss, but was 'fast'");
        assertBad(
                dir,
                good.replace("\"score\" : 1.0", "\"score\" : \"high\""),
                "x.json: [0].primaryMetric.score: must be a finite number, but was \"high\"");
        assertBad(dir, good.replace("\"primaryMetric\"", "\"primary\""), "x.json: [0].primaryMetric: missing");
        assertBad(
                dir,
                good.replace("\"benchmark\" : \"" + B + "\",", ""),
                "x.json: [0].benchmark: missing or not a non-empty string");
        assertBad(dir, good.replace("\"scoreUnit\" : \"ops/ms\",", ""), "x.json: [0].primaryMetric.scoreUnit: missing");
        assertBad(
                dir,
                good.replace("[ [ 1.0 ] ]", "[ 1.0 ]"),
                "x.json: [0].primaryMetric.rawData[0]: must be a list of numbers");
        assertThatThrownBy(() -> JmhResults.read(dir.resolve("absent.json")))
                .isInstanceOf(JmhFormatException.class)
                .hasMessageStartingWith(dir.resolve("absent.json") + ": cannot be read");
    }

    private static void assertBad(Path dir, String json, String message) throws Exception {
        Path file = Files.writeString(dir.resolve("x.json"), json);
        assertThat(json).isNotEqualTo(new JmhJson().json());
        assertThatThrownBy(() -> JmhResults.read(file))
                .isInstanceOf(JmhFormatException.class)
                .hasMessageStartingWith(dir.resolve(message.substring(0, message.indexOf(':')))
                        + message.substring(message.indexOf(':')));
    }

    @Test
    void aRepeatedBenchmarkOrABadThresholdIsRefused() {
        JmhJson twice = new JmhJson()
                .add(B, "thrpt", Map.of(), 1, 0.1, "ops/ms", 1)
                .add(B, "thrpt", Map.of(), 1, 0.1, "ops/ms", 1);
        List<JmhResult> results = JmhResults.parse("t.json", twice.json());
        assertThatThrownBy(() -> BenchComparison.compare(results, List.of(), 5))
                .hasMessageContaining("the base file has " + B + " () twice");
        assertThatThrownBy(() -> BenchComparison.compare(List.of(), List.of(), -1))
                .hasMessage("threshold must be 0 to 1000 percent, but was -1.0");
    }
}
