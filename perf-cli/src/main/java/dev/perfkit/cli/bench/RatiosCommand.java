package dev.perfkit.cli.bench;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.cli.CliException;
import dev.perfkit.cli.Exit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code perfkit bench ratios RESULT.json}: each perfkit/baseline pair's ratio with its interval; speed-up pairs
 * first, then overhead pairs. Exit 0 when every pair is complete; 1 when a benchmark of the run failed (a pair
 * with one side missing, or a {@code <failure>} in the JMH log given with {@code --log}) or, with
 * {@code --min}, when a significant ratio is below it; 2 on a missing or malformed file.
 */
@Command(
        name = "ratios",
        description = "Pair each JMH class's perfkit* and baseline* results and print their ratio with its "
                + "confidence interval (>1: perfkit better; 'not significant' when the intervals overlap).")
public final class RatiosCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Parameters(index = "0", paramLabel = "RESULT.json", description = "A JMH result written with -rf json.")
    private Path result = Path.of("");

    @Option(
            names = "--log",
            paramLabel = "FILE",
            description = "JMH's console output of the same run: a benchmark that failed there fails this command.")
    private @Nullable Path log;

    private double min = Double.NaN;

    @Option(
            names = "--min",
            paramLabel = "RATIO",
            description = "Exit 1 when a significant speed-up ratio is below RATIO (a number above 0).")
    void min(String text) {
        try {
            double value = Double.parseDouble(text);
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            min = value;
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--min must be a number above 0, but was '" + text + "'");
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        JmhPairs.Result pairs;
        try {
            pairs = JmhPairs.read(new ObjectMapper().readTree(Files.readString(result)));
        } catch (NoSuchFileException e) {
            throw new CliException(Exit.BAD_INPUT, "no such file: " + result);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new CliException(
                    Exit.BAD_INPUT, result + " is not a JMH JSON result (-rf json): " + firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new CliException(Exit.BAD_INPUT, "cannot read " + result + ": " + e.getMessage());
        }
        List<String> failures = new ArrayList<>(pairs.incomplete());
        if (log != null) {
            failures.addAll(failuresIn(log));
        }
        if (pairs.pairs().isEmpty() && failures.isEmpty()) {
            out.println("no perfkit*/baseline* pairs in " + result);
            return Exit.PROBLEM;
        }
        boolean below = false;
        List<JmhPairs.Pair> speed =
                pairs.pairs().stream().filter(p -> !p.overhead()).toList();
        List<JmhPairs.Pair> overhead =
                pairs.pairs().stream().filter(JmhPairs.Pair::overhead).toList();
        if (!speed.isEmpty()) {
            out.println("speed-up: ratio [interval] (>1: perfkit faster)  benchmark");
            for (JmhPairs.Pair p : speed) {
                out.println(p.line());
                below |= p.significant() && p.ratio() < min;
            }
        }
        if (!overhead.isEmpty()) {
            out.println("overhead: ratio [interval] (1.0 is the best possible: no cost)  benchmark");
            overhead.forEach(p -> out.println(p.line()));
        }
        for (String f : failures) {
            out.println("FAILED: " + f);
        }
        if (below) {
            out.println(String.format(Locale.ROOT, "a significant ratio is below --min %s", min));
        }
        out.flush();
        return failures.isEmpty() && !below ? Exit.OK : Exit.PROBLEM;
    }

    private static List<String> failuresIn(Path log) {
        List<String> failures = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (NoSuchFileException e) {
            throw new CliException(Exit.BAD_INPUT, "no such file: --log " + log);
        } catch (IOException e) {
            throw new CliException(Exit.BAD_INPUT, "cannot read --log " + log + ": " + e.getMessage());
        }
        String current = "";
        for (String line : lines) {
            if (line.startsWith("# Benchmark: ")) {
                current = line.substring("# Benchmark: ".length()).trim();
            } else if (line.contains("<failure>")) {
                failures.add(current.isEmpty() ? "a benchmark failed (see the log)" : current + " failed (see --log)");
            }
        }
        return failures;
    }

    private static String firstLine(@Nullable String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
