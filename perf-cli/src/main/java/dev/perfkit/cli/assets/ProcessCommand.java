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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code perfkit assets process}: runs the asset pipeline from {@code --in} to {@code --out} and prints a summary
 * per coding and the run's warnings (references to missing files). Exit 0 done, 1 the pipeline failed (or, with
 * {@code --fail-on-missing-references}, a reference points at no input file), 2 bad arguments.
 */
@Command(
        name = "process",
        description = "Fingerprint and precompress a folder of assets and write its manifest.",
        footer = {
            "",
            "A file keeps its name (and is served as immutable) only when a bundler's manifest lists it or",
            "a --hashed-names pattern matches it; Vite's .vite/manifest.json inside --in is read without asking.",
            "Exit codes: 0 done, 1 the pipeline failed or (--fail-on-missing-references) a reference is missing,",
            "2 bad arguments."
        })
public final class ProcessCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Option(names = "--in", required = true, paramLabel = "DIR", description = "The source folder.")
    private Path in = Path.of("");

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output folder.")
    private Path out = Path.of("");

    @Option(names = "--cdn-base", paramLabel = "URL", description = "Absolute base URL the manifest records.")
    private @Nullable String cdnBase;

    @Option(
            names = "--bundler-manifest",
            paramLabel = "FILE",
            description = "A bundler's manifest (Vite, webpack, esbuild metafile) whose listed files already carry a"
                    + " content hash and keep their names. Repeatable.")
    private List<Path> bundlerManifests = new ArrayList<>();

    @Option(
            names = "--hashed-names",
            paramLabel = "REGEX",
            description =
                    "A Java regular expression over paths relative to --in (for example"
                            + " 'assets/.*-[A-Za-z0-9_-]{8}\\.(js|css)') whose matches already carry a content hash. Repeatable.")
    private List<String> hashedNames = new ArrayList<>();

    @Option(
            names = "--fail-on-missing-references",
            description = "Fail (exit 1) when a CSS or source-map reference points at a file that is not in --in,"
                    + " instead of a warning.")
    private boolean failOnMissingReferences;

    @Override
    public Integer call() {
        if (!Files.isDirectory(in)) {
            throw new ParameterException(spec.commandLine(), "--in is not a directory: " + in);
        }
        Progress progress = Perfkit.progress(spec, "processing files");
        AssetPipeline.Builder builder =
                AssetPipeline.builder().input(in).output(out).listener(progress::update);
        for (Path m : bundlerManifests) {
            if (!Files.isRegularFile(m)) {
                throw new ParameterException(spec.commandLine(), "--bundler-manifest is not a readable file: " + m);
            }
            builder.bundlerManifest(m);
        }
        for (String regex : hashedNames) {
            try {
                builder.hashedNames(regex);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(
                        spec.commandLine(), "--hashed-names " + regex + " is not a Java regular expression");
            }
        }
        builder.failOnMissingReferences(failOnMissingReferences);
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
        if (!r.warnings().isEmpty()) {
            w.printf("%d warning%s:%n", r.warnings().size(), r.warnings().size() == 1 ? "" : "s");
            r.warnings().forEach(x -> w.println("  " + x));
        }
        w.flush();
        return Exit.OK;
    }
}
