package dev.perfkit.cli;

import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** How failures become the one-line stderr messages and the exit codes of {@link Exit}. */
final class Errors {
    private Errors() {}

    /**
     * A bad command line: one line naming the argument, then where the help is; exit 2. An unknown argument is
     * named even when picocli stopped at a missing required option first.
     */
    static int badArguments(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String message = e.getMessage();
        List<String> unmatched = cmd.getUnmatchedArguments();
        if (!(e instanceof UnmatchedArgumentException) && !unmatched.isEmpty()) {
            message = "Unknown argument: '" + unmatched.get(0) + "'";
        }
        cmd.getErr()
                .println("perfkit: " + oneLine(message) + " (see '"
                        + cmd.getCommandSpec().qualifiedName() + " --help')");
        return Exit.BAD_INPUT;
    }

    /** A subcommand that failed while running: its own exit code, or 1 for anything unexpected. */
    static int failed(Exception e, CommandLine cmd, ParseResult parsed) {
        if (e instanceof CliException cli) {
            cmd.getErr().println("perfkit: " + oneLine(cli.getMessage()));
            return cli.exitCode();
        }
        cmd.getErr().println("perfkit: " + cmd.getCommandSpec().qualifiedName() + " failed: " + oneLine(e.toString()));
        return Exit.PROBLEM;
    }

    /** For a group command run without one of its subcommands. */
    static ParameterException missingSubcommand(CommandSpec spec) {
        return new ParameterException(
                spec.commandLine(),
                "missing subcommand; choose one of "
                        + String.join(", ", spec.subcommands().keySet()));
    }

    /** A message on one line: line breaks and the whitespace around them become one space. */
    static String oneLine(@Nullable String message) {
        return message == null ? "unknown error" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
