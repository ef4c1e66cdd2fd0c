package dev.perfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perfkit bench compare}: its Markdown table and exit codes 0, 1 and 2. */
class BenchCompareTest {
    @TempDir
    Path dir;

    /** One JMH result in the shape JMH 1.37 writes with -rf json. */
    static String result(String benchmark, String mode, double score, double error, String unit, double... raw) {
        StringBuilder rawJson = new StringBuilder();
        for (double d : raw) {
            rawJson.append(rawJson.length() == 0 ? "" : ", ").append(d);
        }
        return """
                {
                  "jmhVersion" : "1.37", "benchmark" : "%s", "mode" : "%s", "threads" : 1, "forks" : 1,
                  "params" : { "size" : "100" },
                  "primaryMetric" : {
                    "score" : %s, "scoreError" : %s, "scoreConfidence" : [ %s, %s ],
                    "scoreUnit" : "%s", "rawData" : [ [ %s ] ]
                  },
                  "secondaryMetrics" : { }
                }""".formatted(benchmark, mode, score, error, score - error, score + error, unit, rawJson);
    }

    private Path file(String name, String... results) throws Exception {
        return Files.writeString(dir.resolve(name), "[" + String.join(",", results) + "]");
    }

    @Test
    void aSignificantRegressionExitsOneWithTheTable() throws Exception {
        Path base = file("base.json", result("b.X.perfkitGet", "thrpt", 1000, 10, "ops/ms", 995, 1000, 1005));
        Path next = file("new.json", result("b.X.perfkitGet", "thrpt", 800, 10, "ops/ms", 795, 800, 805));
        CliRun.Result r = CliRun.run("bench", "compare", base.toString(), next.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out())
                .startsWith("| benchmark | params | base | new | change | verdict |")
                .contains("| b.X.perfkitGet (thrpt) | size=100 | 1000.000 ± 10.000 ops/ms | 800.000 ± 10.000 ops/ms"
                        + " | -20.0% | regression |");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void noRegressionExitsZeroAndTheThresholdIsHonoured() throws Exception {
        Path base = file("base.json", result("b.X.perfkitGet", "avgt", 100, 1, "ns/op", 99.5, 100, 100.5));
        Path next = file("new.json", result("b.X.perfkitGet", "avgt", 108, 1, "ns/op", 107.5, 108, 108.5));
        assertThat(CliRun.run("bench", "compare", base.toString(), next.toString())
                        .code())
                .isEqualTo(1);
        CliRun.Result lenient = CliRun.run("bench", "compare", base.toString(), next.toString(), "--threshold", "10");
        assertThat(lenient.code()).isZero();
        assertThat(lenient.out()).contains("| unchanged |").contains("threshold 10.0%");
    }

    @Test
    void benchmarksInOneFileOnlyAreListedNotFailed() throws Exception {
        Path base = file("base.json", result("b.X.old", "thrpt", 1, 0.1, "ops/ms", 1, 1, 1));
        Path next = file("new.json", result("b.X.added", "thrpt", 1, 0.1, "ops/ms", 1, 1, 1));
        CliRun.Result r = CliRun.run("bench", "compare", base.toString(), next.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("| only in base |", "| only in new |");
    }

    @Test
    void anUnreadableFileExitsTwoWithOneLineNamingItAndTheField() throws Exception {
        Path good = file("base.json", result("b.X.a", "thrpt", 1, 0.1, "ops/ms", 1, 1, 1));
        Path missing = dir.resolve("missing.json");
        CliRun.Result r = CliRun.run("bench", "compare", good.toString(), missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("perfkit: " + missing + ": cannot be read");
        assertThat(r.err().strip()).doesNotContain("\n");

        Path broken = file("broken.json", result("b.X.a", "fast", 1, 0.1, "ops/ms", 1));
        CliRun.Result bad = CliRun.run("bench", "compare", good.toString(), broken.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip())
                .isEqualTo("perfkit: " + broken + ": [0].mode: must be thrpt, avgt, sample or ss, but was 'fast'");
        Path notJson = Files.writeString(dir.resolve("log.txt"), "# Run complete. Total time: 00:01:00");
        assertThat(CliRun.run("bench", "compare", notJson.toString(), good.toString())
                        .err())
                .startsWith("perfkit: " + notJson + ": not JSON");
    }

    @Test
    void aBadThresholdIsABadArgument() throws Exception {
        Path good = file("base.json", result("b.X.a", "thrpt", 1, 0.1, "ops/ms", 1, 1, 1));
        CliRun.Result r = CliRun.run("bench", "compare", good.toString(), good.toString(), "--threshold", "-3");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--threshold must be 0 to 1000 percent, but was -3.0");
    }
}
