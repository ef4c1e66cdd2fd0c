package dev.perfkit.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the {@code perfkit} command in this JVM and captures what it printed, for tests of every subcommand. */
public final class CliRun {
    private CliRun() {}

    /** The exit code and what went to stdout and stderr. */
    public record Result(int code, String out, String err) {}

    /** Runs {@code perfkit args...} without a terminal. */
    public static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Perfkit.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
