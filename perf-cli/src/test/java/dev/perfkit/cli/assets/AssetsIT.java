package dev.perfkit.cli.assets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.assets.AssetManifest;
import dev.perfkit.cli.Perfkit;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perfkit assets process} and {@code assets serve} for real: the pipeline writes a manifest, and the jar
 * Maven built ({@code target/perfkit-cli.jar}) serves the folder over HTTP on loopback.
 */
class AssetsIT {
    static final Path JAR = Path.of("target", "perfkit-cli.jar");

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Perfkit.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path processed() throws IOException {
        Path in = SampleAssets.input(dir.resolve("in"));
        Result r = run(
                "assets",
                "process",
                "--in",
                in.toString(),
                "--out",
                dir.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isZero();
        return dir.resolve("out");
    }

    @Test
    void processWritesTheManifestAndASummaryPerCoding() throws IOException {
        Path in = SampleAssets.input(dir.resolve("in"));
        Result r = run(
                "assets",
                "process",
                "--in",
                in.toString(),
                "--out",
                dir.resolve("out").toString(),
                "--cdn-base",
                "https://cdn.example.com");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err().lines().toList()).contains("processing files 4/4").noneMatch(l -> l.contains("\r"));
        assertThat(r.out())
                .contains("processed 4 files")
                .containsPattern("br +\\d+ variants, \\d+ bytes saved")
                .containsPattern("zstd +\\d+ variants")
                .containsPattern("gzip +\\d+ variants");
        assertThat(AssetManifest.load(dir.resolve("out")).cdnBase()).contains("https://cdn.example.com");
    }

    @Test
    void missingReferencesArePrintedAsWarningsInTheSummary() throws IOException {
        Path in = SampleAssets.input(dir.resolve("in"));
        Files.writeString(in.resolve("css/broken.css"), "a { background: url(../img/gone.png); }\n");
        Result r = run(
                "assets",
                "process",
                "--in",
                in.toString(),
                "--out",
                dir.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("1 warning:\n")
                .contains("  css/broken.css: ../img/gone.png refers to img/gone.png, which is not in the input folder");
    }

    @Test
    void failOnMissingReferencesExitsOneNamingTheReference() throws IOException {
        Path in = SampleAssets.input(dir.resolve("in"));
        Files.writeString(in.resolve("css/broken.css"), "a { background: url(../img/gone.png); }\n");
        Result r = run(
                "assets",
                "process",
                "--in",
                in.toString(),
                "--out",
                dir.resolve("out").toString(),
                "--fail-on-missing-references");
        assertThat(r.code()).as(r.out()).isEqualTo(1);
        assertThat(r.err().strip())
                .startsWith("perfkit: ")
                .contains("css/broken.css: ../img/gone.png refers to img/gone.png")
                .doesNotContain("\n");
        Result clean = run(
                "assets",
                "process",
                "--in",
                SampleAssets.input(dir.resolve("clean")).toString(),
                "--out",
                dir.resolve("out2").toString(),
                "--fail-on-missing-references");
        assertThat(clean.code()).as(clean.err()).isZero();
        assertThat(clean.out()).doesNotContain("warning");
    }

    private static final String VITE_NAME = "assets/index-AbwmdZ_v.js";

    private Path withBundlerOutput() throws IOException {
        Path in = SampleAssets.input(dir.resolve("in"));
        Files.createDirectories(in.resolve("assets"));
        Files.writeString(in.resolve(VITE_NAME), "export const x = 1;\n".repeat(100));
        return in;
    }

    private String outputName(Path out) throws IOException {
        return AssetManifest.load(out).entry(VITE_NAME).orElseThrow().file();
    }

    @Test
    void aBundlerManifestOrAHashedNamesPatternKeepsTheBundlersName() throws IOException {
        Path in = withBundlerOutput();
        Result plain = run(
                "assets",
                "process",
                "--in",
                in.toString(),
                "--out",
                dir.resolve("plain").toString());
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(outputName(dir.resolve("plain"))).isNotEqualTo(VITE_NAME);

        Path manifest =
                Files.writeString(dir.resolve("webpack-manifest.json"), "{\"main.js\": \"/" + VITE_NAME + "\"}");
        Result listed = run(
                "assets",
                "process",
                "--in",
                in.toString(),
                "--out",
                dir.resolve("listed").toString(),
                "--bundler-manifest",
                manifest.toString());
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(outputName(dir.resolve("listed"))).isEqualTo(VITE_NAME);

        Result pattern = run(
                "assets",
                "process",
                "--in",
                in.toString(),
                "--out",
                dir.resolve("pattern").toString(),
                "--hashed-names",
                "assets/.*-[A-Za-z0-9_-]{8}\\.js");
        assertThat(pattern.code()).as(pattern.err()).isZero();
        assertThat(outputName(dir.resolve("pattern"))).isEqualTo(VITE_NAME);
        assertThat(AssetManifest.load(dir.resolve("pattern"))
                        .entry("app.js")
                        .orElseThrow()
                        .file())
                .isNotEqualTo("app.js");
    }

    @Test
    void aBundlerManifestOfAnUnknownShapeFailsTheRunNamingIt() throws IOException {
        Path in = withBundlerOutput();
        Path manifest = Files.writeString(dir.resolve("m.json"), "[1, 2]");
        Result r = run(
                "assets",
                "process",
                "--in",
                in.toString(),
                "--out",
                dir.resolve("out").toString(),
                "--bundler-manifest",
                manifest.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip())
                .startsWith("perfkit: bundler manifest " + manifest)
                .doesNotContain("\n");
    }

    @Test
    void theJarServesAProcessedFolderOverHttp() throws Exception {
        Path out = processed();
        String file = AssetManifest.load(out).entry("app.js").orElseThrow().file();
        Process p = new ProcessBuilder(java(), "-jar", JAR.toString(), "assets", "serve", "--dir", out.toString())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        try {
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = lines.readLine();
            assertThat(line)
                    .as(Files.readString(dir.resolve("err.txt")))
                    .matches("listening on http://127\\.0\\.0\\.1:\\d+/");
            URI base = URI.create(line.substring("listening on ".length()));
            HttpResponse<byte[]> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(base.resolve(file))
                                    .header("Accept-Encoding", "gzip")
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
            try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
                assertThat(gz.readAllBytes()).isEqualTo(Files.readAllBytes(out.resolve(file)));
            }
            HttpResponse<Void> missing = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(base.resolve("nope.js")).build(),
                            HttpResponse.BodyHandlers.discarding());
            assertThat(missing.statusCode()).isEqualTo(404);
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFolderWithoutAManifestSaysToRunProcessFirst() throws IOException {
        Files.createDirectories(dir.resolve("raw"));
        Result r = run("assets", "serve", "--dir", dir.resolve("raw").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("perfkit: " + dir.resolve("raw") + " has no " + AssetManifest.FILE_NAME
                        + "; run `perfkit assets process --in SRC --out " + dir.resolve("raw") + "` first");
    }

    @Test
    void aCorruptManifestIsAProblemFoundExitOne() throws IOException {
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out").resolve(AssetManifest.FILE_NAME), "{nope");
        Result r = run("assets", "serve", "--dir", dir.resolve("out").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip())
                .startsWith("perfkit: ")
                .contains(AssetManifest.FILE_NAME)
                .contains("not valid JSON")
                .doesNotContain("\n");
    }

    @Test
    void aBusyPortIsAnUnreachableResourceExitTwo() throws IOException {
        Path out = processed();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Result r = run("assets", "serve", "--dir", out.toString(), "--port", String.valueOf(taken.getLocalPort()));
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().strip())
                    .startsWith("perfkit: cannot serve on 127.0.0.1:" + taken.getLocalPort())
                    .doesNotContain("\n");
        }
    }

    @Test
    void badArgumentsExitTwoWithOneLine() {
        List<String[]> bad = List.of(
                new String[] {"assets"},
                new String[] {"assets", "frobnicate"},
                new String[] {"assets", "process", "--in"},
                new String[] {"assets", "process", "--in", "x"},
                new String[] {"assets", "process", "--in", "x", "--out", "y", "--zip", "z"},
                new String[] {"assets", "serve", "--dir", "d", "--port", "70000"},
                new String[] {"assets", "serve", "--dir", "d", "--port", "abc"},
                new String[] {"assets", "serve", "--dir", dir.resolve("missing").toString()},
                new String[] {
                    "assets", "process", "--in", dir.resolve("missing").toString(), "--out", "o"
                },
                new String[] {"assets", "process", "--in", dir.toString(), "--out", "o", "--cdn-base", "not a url"},
                new String[] {"assets", "process", "--in", dir.toString(), "--out", "o", "--hashed-names", "[a-"},
                new String[] {"assets", "process", "--in", dir.toString(), "--out", "o", "--hashed-names"},
                new String[] {
                    "assets",
                    "process",
                    "--in",
                    dir.toString(),
                    "--out",
                    "o",
                    "--bundler-manifest",
                    dir.resolve("missing.json").toString()
                },
                new String[] {
                    "assets", "process", "--in", dir.toString(), "--out", "o", "--fail-on-missing-references=maybe"
                });
        for (String[] args : bad) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip()).as(r.err()).startsWith("perfkit: ").doesNotContain("\n");
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
