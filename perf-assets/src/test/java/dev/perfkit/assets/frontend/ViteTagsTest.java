package dev.perfkit.assets.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.AssetPipeline;
import dev.perfkit.assets.PipelineResult;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the manifest of a real Vite 8.3.8 build (src/test/resources/vite-sample, see its README). */
class ViteTagsTest {
    @TempDir
    Path tmp;

    static Path sample() throws URISyntaxException {
        return Path.of(ViteTagsTest.class
                        .getResource("/vite-sample/dist/.vite/manifest.json")
                        .toURI())
                .getParent()
                .getParent();
    }

    private static ViteManifest manifest() throws URISyntaxException {
        return ViteManifest.read(sample().resolve(".vite/manifest.json"));
    }

    @Test
    void oneEntryGetsItsCssThenItsImportsCssThenTheScriptThenModulepreloads() throws Exception {
        PageTags tags = ViteTags.builder(manifest()).build().page("src/main.js");
        assertThat(tags.html().lines())
                .containsExactly(
                        "<link rel=\"stylesheet\" href=\"/assets/main-Cg-lsZkb.css\">",
                        "<link rel=\"stylesheet\" href=\"/assets/shared-Yxj3fJo-.css\">",
                        "<script type=\"module\" crossorigin src=\"/assets/main-CD9W_2q-.js\"></script>",
                        "<link rel=\"modulepreload\" crossorigin href=\"/assets/shared-BytCAL8F.js\">");
    }

    @Test
    void dynamicImportsAreNeverPreloaded() throws Exception {
        String html = ViteTags.builder(manifest()).build().page("src/main.js").html();
        assertThat(html).doesNotContain("chart-");
    }

    @Test
    void aChunkSharedByTwoEntriesOfAPageAppearsOnce() throws Exception {
        PageTags tags = ViteTags.builder(manifest()).build().page("src/main.js", "src/admin.js");
        assertThat(tags.html().lines())
                .containsExactly(
                        "<link rel=\"stylesheet\" href=\"/assets/main-Cg-lsZkb.css\">",
                        "<link rel=\"stylesheet\" href=\"/assets/shared-Yxj3fJo-.css\">",
                        "<link rel=\"stylesheet\" href=\"/assets/admin-C0l8Ct9s.css\">",
                        "<script type=\"module\" crossorigin src=\"/assets/main-CD9W_2q-.js\"></script>",
                        "<script type=\"module\" crossorigin src=\"/assets/admin-DvZxdsQr.js\"></script>",
                        "<link rel=\"modulepreload\" crossorigin href=\"/assets/shared-BytCAL8F.js\">");
    }

    /** Vite bundles the sample's cycle away, so this manifest is written by hand: a imports b imports a. */
    @Test
    void importCyclesEndAndEachChunkIsPreloadedOnce() {
        ViteManifest m = ViteManifest.parse("""
                {"src/app.js": {"file": "assets/app-1.js", "isEntry": true, "imports": ["_a.js"]},
                 "_a.js": {"file": "assets/a-1.js", "imports": ["_b.js"], "css": ["assets/a-1.css"]},
                 "_b.js": {"file": "assets/b-1.js", "imports": ["_a.js"], "css": ["assets/b-1.css"]}}
                """, "cycle.json");
        assertThat(ViteTags.builder(m).build().page("src/app.js").html().lines())
                .containsExactly(
                        "<link rel=\"stylesheet\" href=\"/assets/b-1.css\">",
                        "<link rel=\"stylesheet\" href=\"/assets/a-1.css\">",
                        "<script type=\"module\" crossorigin src=\"/assets/app-1.js\"></script>",
                        "<link rel=\"modulepreload\" crossorigin href=\"/assets/b-1.js\">",
                        "<link rel=\"modulepreload\" crossorigin href=\"/assets/a-1.js\">");
    }

    @Test
    void throughThePipelineEachTagCarriesItsIntegrityAndTheNonce() throws Exception {
        Path out = tmp.resolve("out");
        PipelineResult result =
                AssetPipeline.builder().input(sample()).output(out).build().run();
        assertThat(result.warnings()).isEmpty();
        AssetManifest assets = AssetManifest.load(out);
        String html = ViteTagsSnippets.basic(sample(), assets, "r4nd0mN0nce");
        List<String> lines = html.lines().toList();
        assertThat(lines).hasSize(5);
        for (String line : lines.subList(0, 4)) {
            assertThat(line)
                    .containsPattern("integrity=\"sha384-[A-Za-z0-9+/=]{64}\"")
                    .contains("nonce=\"r4nd0mN0nce\"");
        }
        String js = assets.entry("assets/main-CD9W_2q-.js").orElseThrow().integrity();
        assertThat(lines.get(2))
                .contains("src=\"/assets/main-CD9W_2q-.js\" integrity=\"" + js + "\""); // Vite's name kept
        assertThat(lines.get(4))
                .isEqualTo("</assets/main-Cg-lsZkb.css>; rel=preload; as=style, "
                        + "</assets/shared-Yxj3fJo-.css>; rel=preload; as=style, "
                        + "</assets/main-CD9W_2q-.js>; rel=modulepreload; crossorigin, "
                        + "</assets/shared-BytCAL8F.js>; rel=modulepreload; crossorigin");
    }

    @Test
    void aCdnBaseIsUsed() throws Exception {
        String html = ViteTags.builder(manifest())
                .base("https://cdn.example/shop/")
                .build()
                .page("src/admin.js")
                .html();
        assertThat(html).contains("src=\"https://cdn.example/shop/assets/admin-DvZxdsQr.js\"");
    }

    @Test
    void devServerModeRendersViteClientAndTheSources() {
        PageTags tags = ViteTags.devServer(URI.create("http://localhost:5173")).page("src/main.js");
        assertThat(tags.html().lines())
                .containsExactly(
                        "<script type=\"module\" crossorigin src=\"http://localhost:5173/@vite/client\"></script>",
                        "<script type=\"module\" crossorigin src=\"http://localhost:5173/src/main.js\"></script>");
    }

    @Test
    void anUnknownEntryNamesItAndListsTheKnownOnes() throws Exception {
        assertThatThrownBy(() -> ViteTags.builder(manifest()).build().page("src/mian.js"))
                .isInstanceOf(ViteManifestException.class)
                .hasMessageContaining("\"src/mian.js\" is not an entry of the Vite manifest")
                .hasMessageContaining("manifest.json")
                .hasMessageEndingWith("its entries are [src/admin.js, src/main.js]");
        // A chunk that is not an entry (a shared or dynamic one) is not accepted either.
        assertThatThrownBy(() -> ViteTags.builder(manifest()).build().page("src/chart.js"))
                .isInstanceOf(ViteManifestException.class);
    }

    @Test
    void aFileThatIsNotAViteManifestNamesTheFile() throws IOException {
        Path file = tmp.resolve("manifest.json");
        for (String text : List.of(
                "[1, 2]",
                "not json",
                "{\"a\": {\"src\": \"x\"}}",
                "{\"a\": {\"file\": \"x\", \"css\": 3}}",
                "{\"a\": {\"file\": \"x\", \"imports\": [\"_gone.js\"]}}")) {
            Files.writeString(file, text);
            assertThatThrownBy(() -> ViteManifest.read(file))
                    .as(text)
                    .isInstanceOf(ViteManifestException.class)
                    .hasMessageContaining(file.toString());
        }
        assertThatThrownBy(() -> ViteManifest.read(tmp.resolve("missing.json")))
                .isInstanceOf(ViteManifestException.class)
                .hasMessageContaining("no Vite manifest at " + tmp.resolve("missing.json"));
    }

    @Test
    void aNonceOrBaseThatCouldBreakOutOfItsAttributeIsRefused() throws Exception {
        ViteTags vite = ViteTags.builder(manifest()).build();
        assertThatThrownBy(() -> vite.page(List.of("src/main.js"), "abc\"><script>alert(1)</script>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a CSP nonce must be 8 to 256 base64");
        assertThatThrownBy(() -> ViteTags.builder(manifest()).base("/x\"><script>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base must be");
        assertThatThrownBy(() -> ViteTags.builder(manifest()).base("javascript:alert(1)"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
