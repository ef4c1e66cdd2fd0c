package dev.perfkit.assets.cli;

import dev.perfkit.assets.AssetPipeline;
import dev.perfkit.assets.AssetPipelineException;
import dev.perfkit.assets.Coding;
import dev.perfkit.assets.ManifestException;
import dev.perfkit.assets.PipelineResult;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code perf-assets-cli.jar} command line: {@code process --in DIR --out DIR [--cdn-base URL]} runs the
 * pipeline, {@code serve --dir DIR [--port N]} serves a processed folder on loopback. Exit codes: 0 done,
 * 1 the work failed, 2 bad arguments (one line on stderr).
 *
 * <pre>{@code
 * java -jar perf-assets-cli.jar process --in src/assets --out target/assets
 * java -jar perf-assets-cli.jar serve --dir target/assets --port 8080
 * }</pre>
 */
public final class AssetsCli {
    static final String USAGE = "usage: process --in DIR --out DIR [--cdn-base URL] | serve --dir DIR [--port N]";

    private AssetsCli() {}

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs a command; {@code serve} blocks until the thread is interrupted.
     *
     * @return the exit code: 0 done, 1 failed, 2 bad arguments
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CliArgs parsed;
        try {
            parsed = CliArgs.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("perf-assets: " + e.getMessage() + " (" + USAGE + ")");
            return 2;
        }
        try {
            return parsed.command().equals("process") ? process(parsed, out, err) : Serve.run(parsed, out);
        } catch (AssetPipelineException | ManifestException | IllegalStateException e) {
            err.println();
            err.println("perf-assets: " + e.getMessage());
            return 1;
        }
    }

    private static int process(CliArgs args, PrintStream out, PrintStream err) {
        Path in = args.path("--in");
        if (!Files.isDirectory(in)) {
            err.println("perf-assets: --in is not a directory: " + in + " (" + USAGE + ")");
            return 2;
        }
        AssetPipeline.Builder builder = AssetPipeline.builder()
                .input(in)
                .output(args.path("--out"))
                .listener((done, total) -> {
                    synchronized (err) {
                        err.print("\rprocessing " + done + "/" + total + " files");
                    }
                });
        String cdn = args.value("--cdn-base");
        if (cdn != null) {
            try {
                builder.cdnBase(cdn);
            } catch (IllegalArgumentException e) {
                err.println("perf-assets: --cdn-base " + e.getMessage() + " (" + USAGE + ")");
                return 2;
            }
        }
        PipelineResult r = builder.build().run();
        err.println();
        out.printf(
                "processed %d files (%d bytes), %d compressions, %d reused from cache%n",
                r.files(), r.inputBytes(), r.compressed(), r.reused());
        for (Coding c : Coding.values()) {
            Map<Coding, Long> saved = r.bytesSaved();
            out.printf(
                    "%-5s %d variants, %d bytes saved%n",
                    c.token(), r.variants().getOrDefault(c, 0), saved.getOrDefault(c, 0L));
        }
        return 0;
    }
}
