package dev.perfkit.cli.assets;

import dev.perfkit.assets.AssetPipeline;
import dev.perfkit.assets.AssetPipelineException;
import dev.perfkit.assets.Coding;
import dev.perfkit.assets.PipelineResult;
import dev.perfkit.cli.CliException;
import dev.perfkit.cli.Exit;
import dev.perfkit.cli.Perfkit;
import dev.perfkit.cli.Progress;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code perfkit assets process}: runs the asset pipeline from {@code --in} to {@code --out} and prints a summary
 * per coding. Exit 0 done, 1 the pipeline failed, 2 bad arguments.
 */
@Command(name = "process", description = "Fingerprint and precompress a folder of assets and write its manifest.")
public final class ProcessCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Option(names = "--in", required = true, paramLabel = "DIR", description = "The source folder.")
    private Path in = Path.of("");

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output folder.")
    private Path out = Path.of("");

    @Option(names = "--cdn-base", paramLabel = "URL", description = "Absolute base URL the manifest records.")
    private @Nullable String cdnBase;

    @Override
    public Integer call() {
        if (!Files.isDirectory(in)) {
            throw new ParameterException(spec.commandLine(), "--in is not a directory: " + in);
        }
        Progress progress = Perfkit.progress(spec, "processing files");
        AssetPipeline.Builder builder =
                AssetPipeline.builder().input(in).output(out).listener(progress::update);
        String cdn = cdnBase;
        if (cdn != null) {
            try {
                builder.cdnBase(cdn);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--cdn-base " + e.getMessage());
            }
        }
        PipelineResult r;
        try {
            r = builder.build().run();
        } catch (AssetPipelineException e) {
            progress.finish();
            throw new CliException(Exit.PROBLEM, String.valueOf(e.getMessage()), e);
        }
        progress.finish();
        PrintWriter w = spec.commandLine().getOut();
        w.printf(
                "processed %d files (%d bytes), %d compressions, %d reused from cache%n",
                r.files(), r.inputBytes(), r.compressed(), r.reused());
        for (Coding c : Coding.values()) {
            w.printf(
                    "%-5s %d variants, %d bytes saved%n",
                    c.token(), r.variants().getOrDefault(c, 0), r.bytesSaved().getOrDefault(c, 0L));
        }
        w.flush();
        return Exit.OK;
    }
}
