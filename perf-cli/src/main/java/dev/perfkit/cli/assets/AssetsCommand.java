package dev.perfkit.cli.assets;

import dev.perfkit.cli.Perfkit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code perfkit assets}: the group of the static-asset subcommands. A new one is a class listed here. */
@Command(
        name = "assets",
        description = "Process static assets (fingerprints, gzip/Brotli/zstd, a manifest) and serve the result.",
        subcommands = {ProcessCommand.class, ServeCommand.class, TagsCommand.class})
public final class AssetsCommand implements Runnable {
    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Override
    public void run() {
        throw Perfkit.missingSubcommand(spec);
    }
}
