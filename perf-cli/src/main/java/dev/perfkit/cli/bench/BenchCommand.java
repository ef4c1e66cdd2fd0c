package dev.perfkit.cli.bench;

import dev.perfkit.cli.Perfkit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code perfkit bench}: the group of the benchmark subcommands. */
@Command(
        name = "bench",
        description = "Compare JMH results: the benchmark regression gate.",
        subcommands = {CompareCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Override
    public void run() {
        throw Perfkit.missingSubcommand(spec);
    }
}
