package dev.perfkit.assets.maven;

import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.AssetPipeline;
import dev.perfkit.assets.AssetPipelineException;
import dev.perfkit.assets.Coding;
import dev.perfkit.assets.PipelineResult;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * {@code perfkit-assets:process}: runs the perf-assets pipeline on a folder during the build (by default in
 * {@code prepare-package}), so the jar or war ships fingerprinted, precompressed files and their manifest. An
 * unchanged build does no work: a stamp of every input file (path, size, modification time) and of the
 * configuration is kept in the output folder, and the goal returns at once when both match.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>dev.perfkit</groupId>
 *   <artifactId>perf-assets-maven-plugin</artifactId>
 *   <executions><execution><goals><goal>process</goal></goals></execution></executions>
 *   <configuration>
 *     <input>${project.basedir}/src/main/assets</input>
 *     <output>${project.build.outputDirectory}/static</output>
 *   </configuration>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "process", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public final class ProcessMojo extends AbstractMojo {
    static final String STAMP = ".perfkit-stamp";

    /** The source folder. */
    @Parameter(property = "perfkit.assets.input", defaultValue = "${project.basedir}/src/main/assets")
    private @Nullable File input;

    /** The output folder (it gets the files and {@code perfkit-manifest.json}). */
    @Parameter(property = "perfkit.assets.output", defaultValue = "${project.build.directory}/assets")
    private @Nullable File output;

    /** An absolute http(s) URL the manifest records as the CDN base. */
    @Parameter(property = "perfkit.assets.cdnBase")
    private @Nullable String cdnBase;

    /** A webpack manifest or esbuild metafile listing names the bundler already hashed. */
    @Parameter(property = "perfkit.assets.bundlerManifest")
    private @Nullable File bundlerManifest;

    /** A regular expression of names you know are hashed. */
    @Parameter(property = "perfkit.assets.hashedNames")
    private @Nullable String hashedNames;

    /** Fail the build when a url() or source map points at a file that is not in the input. */
    @Parameter(property = "perfkit.assets.failOnMissingReferences", defaultValue = "false")
    private boolean failOnMissingReferences;

    /** The precompressed codings to produce: any of br, zstd, gzip (default all three). */
    @Parameter(property = "perfkit.assets.codings")
    private @Nullable List<String> codings;

    /** Skip the goal. */
    @Parameter(property = "perfkit.assets.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("perf-assets: skipped");
            return;
        }
        File in = input;
        File out = output;
        if (in == null || out == null) {
            throw new MojoExecutionException("perf-assets: <input> and <output> must be set");
        }
        Path inDir = in.toPath();
        Path outDir = out.toPath();
        if (!Files.isDirectory(inDir)) {
            throw new MojoExecutionException("perf-assets: the <input> folder " + inDir + " does not exist");
        }
        AssetPipeline.Builder builder = AssetPipeline.builder().input(inDir).output(outDir);
        try {
            if (cdnBase != null) {
                builder.cdnBase(cdnBase);
            }
            if (bundlerManifest != null) {
                builder.bundlerManifest(bundlerManifest.toPath());
            }
            if (hashedNames != null) {
                builder.hashedNames(hashedNames);
            }
            if (codings != null && !codings.isEmpty()) { // Maven injects an empty list when none is configured
                builder.codings(codings(codings));
            }
            builder.failOnMissingReferences(failOnMissingReferences);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("perf-assets: " + e.getMessage(), e);
        }
        String stamp = stamp(inDir);
        Path stampFile = outDir.resolve(STAMP);
        if (Files.isRegularFile(outDir.resolve(AssetManifest.FILE_NAME)) && stamp.equals(read(stampFile))) {
            getLog().info("perf-assets: " + outDir + " is up to date");
            return;
        }
        PipelineResult result;
        try {
            result = builder.build().run();
        } catch (AssetPipelineException e) {
            throw new MojoFailureException("perf-assets: " + e.getMessage(), e);
        }
        result.warnings().forEach(w -> getLog().warn("perf-assets: " + w));
        long saved = result.bytesSaved().getOrDefault(Coding.BROTLI, 0L);
        getLog().info(String.format(
                Locale.ROOT,
                "perf-assets: %d files, %,d bytes in, %d precompressed (%d reused); Brotli saves %,d bytes, %s",
                result.files(),
                result.inputBytes(),
                result.compressed(),
                result.reused(),
                saved,
                savedByCoding(result.bytesSaved())));
        try {
            Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
        } catch (IOException e) {
            getLog().warn("perf-assets: cannot write " + stampFile + " (the next build runs again): " + e.getMessage());
        }
    }

    private static java.util.Set<Coding> codings(List<String> names) {
        java.util.EnumSet<Coding> set = java.util.EnumSet.noneOf(Coding.class);
        for (String name : names) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            Coding c = switch (n) {
                case "br", "brotli" -> Coding.BROTLI;
                case "zstd" -> Coding.ZSTD;
                case "gzip" -> Coding.GZIP;
                default ->
                    throw new IllegalArgumentException("<codings> accepts br, zstd and gzip, but was '" + name + "'");
            };
            set.add(c);
        }
        return set;
    }

    private static String savedByCoding(Map<Coding, Long> saved) {
        StringBuilder b = new StringBuilder();
        saved.forEach((c, n) -> b.append(b.length() == 0 ? "" : ", ")
                .append(c.name().toLowerCase(Locale.ROOT))
                .append(' ')
                .append(String.format(Locale.ROOT, "%,d", n)));
        return b.length() == 0 ? "nothing to compress" : "saved by coding: " + b;
    }

    /** Every input file's path, size and modification time, and the configuration, hashed. */
    private String stamp(Path inDir) throws MojoExecutionException {
        try (Stream<Path> files = Files.walk(inDir)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                digest.update((inDir.relativize(f) + "\0" + Files.size(f) + "\0"
                                + Files.getLastModifiedTime(f).toMillis() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            digest.update(("config\0" + cdnBase + "\0" + bundlerManifest + "\0" + hashedNames + "\0"
                            + failOnMissingReferences + "\0" + codings)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new MojoExecutionException(
                    "perf-assets: cannot read the <input> folder " + inDir + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
