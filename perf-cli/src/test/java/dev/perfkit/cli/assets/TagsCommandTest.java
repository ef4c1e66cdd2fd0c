package dev.perfkit.cli.assets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.assets.AssetPipeline;
import dev.perfkit.cli.Perfkit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagsCommandTest {
    @TempDir
    Path dist;

    record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Perfkit.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The shape `vite build` (8.3.8) wrote for the sample app in perf-assets' test resources. */
    @BeforeEach
    void writeBuild() throws IOException {
        Files.createDirectories(dist.resolve(".vite"));
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve(".vite/manifest.json"), """
                {"_shared-BytCAL8F.js": {"file": "assets/shared-BytCAL8F.js", "css": ["assets/shared-Yxj3fJo-.css"]},
                 "src/main.js": {"file": "assets/main-CD9W_2q-.js", "isEntry": true, "src": "src/main.js",
                   "imports": ["_shared-BytCAL8F.js"], "dynamicImports": ["src/chart.js"], "css": ["assets/main-Cg-lsZkb.css"]},
                 "src/chart.js": {"file": "assets/chart-BpRuViYX.js", "isDynamicEntry": true, "imports": ["_shared-BytCAL8F.js"]},
                 "src/admin.js": {"file": "assets/admin-DvZxdsQr.js", "isEntry": true, "imports": ["_shared-BytCAL8F.js"]}}
                """);
        for (String f : new String[] {
            "shared-BytCAL8F.js",
            "shared-Yxj3fJo-.css",
            "main-CD9W_2q-.js",
            "main-Cg-lsZkb.css",
            "chart-BpRuViYX.js",
            "admin-DvZxdsQr.js"
        }) {
            Files.writeString(dist.resolve("assets/" + f), "/* " + f + " */\n".repeat(50));
        }
    }

    @Test
    void printsTheTagsOnePerLineInPageOrder() {
        Result r = run(
                "assets",
                "tags",
                "--vite-manifest",
                dist.resolve(".vite/manifest.json").toString(),
                "--entry",
                "src/main.js",
                "--entry",
                "src/admin.js",
                "--base",
                "/static");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines())
                .containsExactly(
                        "<link rel=\"stylesheet\" href=\"/static/assets/main-Cg-lsZkb.css\">",
                        "<link rel=\"stylesheet\" href=\"/static/assets/shared-Yxj3fJo-.css\">",
                        "<script type=\"module\" crossorigin src=\"/static/assets/main-CD9W_2q-.js\"></script>",
                        "<script type=\"module\" crossorigin src=\"/static/assets/admin-DvZxdsQr.js\"></script>",
                        "<link rel=\"modulepreload\" crossorigin href=\"/static/assets/shared-BytCAL8F.js\">");
    }

    @Test
    void withThePerfAssetsManifestEveryTagHasItsIntegrity() {
        Path out = dist.resolveSibling(dist.getFileName() + "-out");
        AssetPipeline.builder().input(dist).output(out).build().run();
        Result r = run(
                "assets",
                "tags",
                "--vite-manifest",
                dist.resolve(".vite/manifest.json").toString(),
                "--entry",
                "src/main.js",
                "--assets-manifest",
                out.resolve("perfkit-manifest.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(4).allMatch(line -> line.contains("integrity=\"sha384-"));
    }

    @Test
    void anUnknownEntryIsOneLineNamingItAndTheKnownEntries() {
        Result r = run(
                "assets",
                "tags",
                "--vite-manifest",
                dist.resolve(".vite/manifest.json").toString(),
                "--entry",
                "src/mian.js");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip())
                .doesNotContain("\n")
                .startsWith("perfkit: \"src/mian.js\" is not an entry of the Vite manifest")
                .endsWith("its entries are [src/admin.js, src/main.js]");
    }

    @Test
    void aMissingOrMalformedFileIsOneLineAndExitTwo() throws IOException {
        Result missing = run(
                "assets", "tags", "--vite-manifest", dist.resolve("nope.json").toString(), "--entry", "a");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("perfkit: no Vite manifest at ");
        Files.writeString(dist.resolve("bad.json"), "[]");
        Result bad = run(
                "assets", "tags", "--vite-manifest", dist.resolve("bad.json").toString(), "--entry", "a");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).contains("is not a Vite manifest").doesNotContain("\n");
        Result noAssets = run(
                "assets",
                "tags",
                "--vite-manifest",
                dist.resolve(".vite/manifest.json").toString(),
                "--entry",
                "src/main.js",
                "--assets-manifest",
                dist.resolve("missing.json").toString());
        assertThat(noAssets.code()).isEqualTo(2);
        assertThat(run("assets", "tags", "--entry", "a").code()).isEqualTo(2);
    }
}
