package dev.perfkit.cli.bench;

import dev.perfkit.cli.Perfkit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code perfkit bench}: the group of the JMH result subcommands. A new one is a class listed here. */
@Command(
        name = "bench",
        description = "Read JMH results: perfkit/baseline ratios, and the regression gate between two runs.",
        subcommands = {RatiosCommand.class, CompareCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Override
    public void run() {
        throw Perfkit.missingSubcommand(spec);
    }
}
