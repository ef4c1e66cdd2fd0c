package dev.perfkit.cli.slo;

import dev.perfkit.cli.CliException;
import dev.perfkit.cli.Exit;
import dev.perfkit.metrics.slo.Slo;
import dev.perfkit.metrics.slo.SloDefinitionException;
import dev.perfkit.metrics.slo.SloDefinitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading the definitions and writing the outputs of the {@code slo} subcommands, with their exit codes. */
final class SloFiles {
    private SloFiles() {}

    static List<Slo> load(Path file) {
        try {
            return SloDefinitions.load(file);
        } catch (SloDefinitionException e) {
            throw new CliException(Exit.BAD_INPUT, String.valueOf(e.getMessage()), e);
        }
    }

    static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new CliException(Exit.BAD_INPUT, file + ": cannot be written: " + e, e);
        }
    }
}
