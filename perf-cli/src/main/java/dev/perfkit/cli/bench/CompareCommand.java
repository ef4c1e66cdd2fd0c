package dev.perfkit.cli.bench;

import dev.perfkit.cli.CliException;
import dev.perfkit.cli.Exit;
import dev.perfkit.metrics.bench.BenchComparison;
import dev.perfkit.metrics.bench.JmhFormatException;
import dev.perfkit.metrics.bench.JmhResult;
import dev.perfkit.metrics.bench.JmhResults;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code perfkit bench compare BASE.json NEW.json [--threshold PCT]}: compares two JMH {@code -rf json} files and
 * prints a Markdown table (benchmark, params, base, new, change, verdict). Exit 1 when a benchmark regressed
 * (worse by more than the threshold, with disjoint 99.9% intervals or a Welch t-test rejecting equality), 0
 * otherwise, 2 when a file cannot be read (one line naming the file and the field).
 */
@Command(
        name = "compare",
        description = {
            "Compare two JMH result files (-rf json) and fail on significant regressions.",
            "thrpt: higher is better; avgt, sample, ss: lower is better. A regression is worse by more than the"
                    + " threshold AND significant (the 99.9%% intervals do not overlap, or Welch's t-test on the raw"
                    + " data rejects equality at 0.001). Benchmarks in one file only are listed, not failed.",
            "Exit codes: 0 no regression, 1 a regression, 2 unreadable input."
        })
public final class CompareCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Parameters(index = "0", paramLabel = "BASE.json", description = "The results to compare against.")
    private Path base = Path.of("");

    @Parameters(index = "1", paramLabel = "NEW.json", description = "The new results.")
    private Path next = Path.of("");

    @Option(
            names = "--threshold",
            paramLabel = "PCT",
            defaultValue = "5",
            description =
                    "How much worse, in percent, a significant change must be to fail (default: ${DEFAULT-VALUE}).")
    private double threshold;

    @Override
    public Integer call() {
        if (!(threshold >= 0 && threshold <= 1000)) {
            throw new ParameterException(
                    spec.commandLine(), "--threshold must be 0 to 1000 percent, but was " + threshold);
        }
        List<JmhResult> baseResults = read(base);
        List<JmhResult> nextResults = read(next);
        BenchComparison comparison;
        try {
            comparison = BenchComparison.compare(baseResults, nextResults, threshold);
        } catch (IllegalArgumentException e) {
            throw new CliException(Exit.BAD_INPUT, String.valueOf(e.getMessage()), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(comparison.toMarkdown());
        out.flush();
        return comparison.hasRegression() ? Exit.PROBLEM : Exit.OK;
    }

    private static List<JmhResult> read(Path file) {
        try {
            return JmhResults.read(file);
        } catch (JmhFormatException e) {
            throw new CliException(Exit.BAD_INPUT, String.valueOf(e.getMessage()), e);
        }
    }
}
