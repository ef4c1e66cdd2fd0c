package dev.perfkit.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.cli.Perfkit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatiosCommandTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Perfkit.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String run(String benchmark, String mode, double score, double error) {
        return "{\"benchmark\":\"dev.perfkit.benchmarks." + benchmark + "\",\"mode\":\"" + mode + "\","
                + "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":" + error + ",\"scoreUnit\":\"ops/us\"}}";
    }

    private Path result(String... runs) throws IOException {
        Path file = dir.resolve("result.json");
        Files.writeString(file, "[" + String.join(",", runs) + "]");
        return file;
    }

    @Test
    void printsEachPairWithItsIntervalAndMarksOverlapsNotSignificant() throws IOException {
        Path file = result(
                run("cache.HitBenchmark.perfkitHit", "thrpt", 20, 1),
                run("cache.HitBenchmark.baselineHit", "thrpt", 10, 1),
                run("db.PagingBenchmark.perfkitDeep", "avgt", 10, 3),
                run("db.PagingBenchmark.baselineDeep", "avgt", 11, 3));
        Result r = run("bench", "ratios", file.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("  2.000 [1.727, 2.333]                  HitBenchmark.Hit");
        assertThat(r.out()).containsPattern("1\\.100 \\[0\\.615, 2\\.000\\] not significant +PagingBenchmark\\.Deep");
    }

    @Test
    void overheadPairsAreListedApartAndTheHarnessIsLeftOut() throws IOException {
        Path file = result(
                run("cache.HitBenchmark.perfkitHit", "thrpt", 20, 1),
                run("cache.HitBenchmark.baselineHit", "thrpt", 10, 1),
                run("db.ListenerOverheadBenchmark.perfkitQuery", "thrpt", 9, 0.1),
                run("db.ListenerOverheadBenchmark.baselineQuery", "thrpt", 10, 0.1),
                run("HarnessBenchmark.perfkitSelfTest", "thrpt", 1, 0.1),
                run("HarnessBenchmark.baselineSelfTest", "thrpt", 2, 0.1));
        String out = run("bench", "ratios", file.toString()).out();
        assertThat(out.indexOf("speed-up:")).isLessThan(out.indexOf("HitBenchmark.Hit"));
        assertThat(out.indexOf("overhead:")).isGreaterThan(out.indexOf("HitBenchmark.Hit"));
        assertThat(out.indexOf("overhead:")).isLessThan(out.indexOf("ListenerOverheadBenchmark.Query"));
        assertThat(out).doesNotContain("Harness");
    }

    /** JMH leaves a benchmark that threw out of the JSON and exits 0: the pair with one side missing fails. */
    @Test
    void aPairWithASideMissingFailsTheRun() throws IOException {
        Path file = result(
                run("cache.HitBenchmark.perfkitHit", "thrpt", 20, 1),
                run("cache.HitBenchmark.baselineHit", "thrpt", 10, 1),
                run("advisor.AdvisorWorkloadBenchmark.baselineWorkload", "avgt", 100, 1));
        Result r = run("bench", "ratios", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAILED: AdvisorWorkloadBenchmark.Workload: the perfkit method has no result");
    }

    @Test
    void aFailureInTheJmhLogFailsTheRun() throws IOException {
        Path file = result(
                run("cache.HitBenchmark.perfkitHit", "thrpt", 20, 1),
                run("cache.HitBenchmark.baselineHit", "thrpt", 10, 1));
        Path log = dir.resolve("jmh.log");
        Files.writeString(
                log,
                "# Benchmark: dev.perfkit.benchmarks.advisor.AdvisorWorkloadBenchmark.perfkitWorkload\n"
                        + "# Run progress: 10%\n<failure>\n\njava.lang.IllegalStateException: hypopg is not installed\n");
        Result r = run("bench", "ratios", file.toString(), "--log", log.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out())
                .contains("FAILED: dev.perfkit.benchmarks.advisor.AdvisorWorkloadBenchmark.perfkitWorkload failed");
    }

    @Test
    void aSignificantRatioBelowMinFails() throws IOException {
        Path file = result(
                run("cache.HitBenchmark.perfkitHit", "thrpt", 5, 0.1),
                run("cache.HitBenchmark.baselineHit", "thrpt", 10, 0.1));
        assertThat(run("bench", "ratios", file.toString(), "--min", "0.8").code())
                .isEqualTo(1);
        assertThat(run("bench", "ratios", file.toString(), "--min", "0.4").code())
                .isZero();
    }

    @Test
    void aFileThatIsNotAJmhResultIsOneLineAndExitTwo() throws IOException {
        Path file = dir.resolve("x.json");
        Files.writeString(file, "{\"not\": \"jmh\"}");
        Result r = run("bench", "ratios", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip())
                .startsWith("perfkit: " + file + " is not a JMH JSON result")
                .doesNotContain("\n");
        Files.writeString(file, "[{\"benchmark\": 3}]");
        assertThat(run("bench", "ratios", file.toString()).code()).isEqualTo(2);
        Files.writeString(file, "[ not json");
        assertThat(run("bench", "ratios", file.toString()).code()).isEqualTo(2);
    }
}
