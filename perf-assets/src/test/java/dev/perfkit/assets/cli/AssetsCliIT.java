package dev.perfkit.assets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.TestAssets;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's exact contract, through the shaded jar Maven built ({@code target/perf-assets-cli.jar}). */
class AssetsCliIT {
    static final Path JAR = Path.of("target/perf-assets-cli.jar");

    @TempDir
    Path dir;

    static Process java(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(false).start();
    }

    static String stdout(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    static String stderr(Process p) throws IOException {
        return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void processWritesTheManifestAndASummaryPerCoding() throws Exception {
        assertThat(JAR).exists();
        Path in = TestAssets.sampleInput(dir.resolve("in"));
        Process p = java(
                "process",
                "--in",
                in.toString(),
                "--out",
                dir.resolve("out").toString(),
                "--cdn-base",
                "https://cdn.example.com");
        String out = stdout(p);
        String err = stderr(p);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err).contains("processing 8/8 files");
        assertThat(out)
                .contains("processed 8 files")
                .containsPattern("br +\\d+ variants, \\d+ bytes saved")
                .containsPattern("zstd +\\d+ variants")
                .containsPattern("gzip +\\d+ variants");
        assertThat(AssetManifest.load(dir.resolve("out")).cdnBase()).contains("https://cdn.example.com");
    }

    @Test
    void serveListensOnAFreeLoopbackPortAndServesTheFolder() throws Exception {
        TestAssets.processedSample(dir);
        AssetManifest m = AssetManifest.load(dir.resolve("out"));
        Process p = java("serve", "--dir", dir.resolve("out").toString());
        try {
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = lines.readLine();
            assertThat(line).matches("listening on http://127\\.0\\.0\\.1:\\d+/");
            URI base = URI.create(line.substring("listening on ".length()));
            HttpResponse<byte[]> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(base.resolve(
                                            m.entry("app.js").orElseThrow().file()))
                                    .header("Accept-Encoding", "br")
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(TestAssets.decode("br", r.body()))
                    .isEqualTo(Files.readAllBytes(dir.resolve("out")
                            .resolve(m.entry("app.js").orElseThrow().file())));
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void serveOfACorruptFolderFailsNamingTheManifest() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out").resolve(AssetManifest.FILE_NAME), "{nope");
        Process p = java("serve", "--dir", dir.resolve("out").toString());
        String err = stderr(p);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(err).contains(AssetManifest.FILE_NAME).contains("not valid JSON");
    }

    @Test
    void badArgumentsExitWith2AndOneLine() {
        String[][] bad = {
            {},
            {"frobnicate"},
            {"process", "--in"},
            {"process", "--in", "x"},
            {"process", "--in", "x", "--out", "y", "--zip", "z"},
            {"serve", "--dir", "d", "--port", "70000"},
            {"serve", "--dir", "d", "--port", "abc"},
            {"process", "--in", dir.resolve("missing").toString(), "--out", "o"},
            {"process", "--in", dir.toString(), "--out", "o", "--cdn-base", "not a url"}
        };
        for (String[] args : bad) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = AssetsCli.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
            String message = err.toString(StandardCharsets.UTF_8);
            assertThat(code).as(String.join(" ", args)).isEqualTo(2);
            assertThat(message.strip()).as(message).doesNotContain("\n").startsWith("perf-assets: ");
        }
    }
}
