package dev.perfkit.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A name keeps its hash only when a bundler's manifest lists it or a configured pattern matches it; never by look. */
class HashedNamesTest {
    @TempDir
    Path dir;

    private AssetPipeline.Builder pipeline() {
        return AssetPipeline.builder().input(dir.resolve("in")).output(dir.resolve("out"));
    }

    private static String file(AssetManifest m, String logical) {
        return m.entry(logical).orElseThrow().file();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void namesThatOnlyLookHashedAreFingerprintedAgain() throws IOException {
        Path in = dir.resolve("in");
        for (String name : new String[] {
            "img/hero-1920x1080.jpg", "og-image-1200x630.png", "crypto-js/enc-base64url.js", "assets/index-BxA3f_9K.js"
        }) {
            TestAssets.write(in, name, TestAssets.javascript(name.length(), 1_000));
        }
        AssetManifest m = pipeline().build().run().manifest();
        for (AssetEntry e : m.entries()) {
            assertThat(e.file())
                    .as(e.logicalPath())
                    .isNotEqualTo(e.logicalPath())
                    .matches(".*-[0-9a-f]{10}\\.[a-z]+");
        }
    }

    @Test
    void viteManifestNamesAreKeptIncludingHashesWithoutADigit() throws IOException {
        ViteFixture.write(dir.resolve("in"));
        AssetManifest m = pipeline().build().run().manifest();
        for (String kept : new String[] {ViteFixture.JS, ViteFixture.CSS, ViteFixture.VENDOR, ViteFixture.LOGO}) {
            assertThat(file(m, kept)).isEqualTo(kept);
            assertThat(m.entry(kept).orElseThrow().fingerprinted()).isTrue();
        }
        assertThat(file(m, ViteFixture.HERO)).isNotEqualTo(ViteFixture.HERO);
        assertThat(file(m, "favicon.ico")).isNotEqualTo("favicon.ico");
        assertThat(file(m, "index.html")).isNotEqualTo("index.html");
    }

    @Test
    void aListedFileWhoseReferencesAreRewrittenIsFingerprintedAgain() throws IOException {
        ViteFixture.write(dir.resolve("in"));
        // The CSS now also points at an unlisted file, which gets a new name: the CSS bytes change with it.
        TestAssets.write(dir.resolve("in"), ViteFixture.CSS, bytes("a { background: url(../img/hero-1920x1080.jpg) }"));
        AssetManifest m = pipeline().build().run().manifest();
        String css = file(m, ViteFixture.CSS);
        assertThat(css).isNotEqualTo(ViteFixture.CSS).matches("assets/index-AbwmdZ_v-[0-9a-f]{10}\\.css");
        assertThat(Files.readString(dir.resolve("out").resolve(css)))
                .contains(file(m, ViteFixture.HERO).substring(4));
    }

    @Test
    void webpackManifestsWithPublicPathCdnUrlsOrIntegrityAreRead() throws IOException {
        Path in = dir.resolve("in");
        TestAssets.write(in, "static/js/main.8e3c1b2a.js", TestAssets.javascript(1, 2_000));
        TestAssets.write(in, "static/css/main.1f2e3d4c.css", bytes("p { margin: 0 }\n".repeat(50)));
        TestAssets.write(in, "static/js/chunk.77aa88bb.js", TestAssets.javascript(2, 2_000));
        TestAssets.write(in, "static/js/other.99cc00dd.js", TestAssets.javascript(3, 2_000));
        Path plugin = Files.writeString(dir.resolve("manifest.json"), """
                {"main.js": "/static/js/main.8e3c1b2a.js",
                 "main.css": "https://cdn.example.com/static/css/main.1f2e3d4c.css?v=1"}""");
        Path assetsManifest = Files.writeString(dir.resolve("assets-manifest.json"), """
                {"chunk.js": {"src": "chunk.77aa88bb.js", "integrity": "sha384-abc"}}""");
        AssetManifest m = pipeline()
                .bundlerManifest(plugin)
                .bundlerManifest(assetsManifest)
                .build()
                .run()
                .manifest();
        assertThat(file(m, "static/js/main.8e3c1b2a.js")).isEqualTo("static/js/main.8e3c1b2a.js");
        assertThat(file(m, "static/css/main.1f2e3d4c.css")).isEqualTo("static/css/main.1f2e3d4c.css");
        assertThat(file(m, "static/js/chunk.77aa88bb.js")).isEqualTo("static/js/chunk.77aa88bb.js");
        assertThat(file(m, "static/js/other.99cc00dd.js")).isNotEqualTo("static/js/other.99cc00dd.js");
    }

    @Test
    void esbuildMetafileOutputsAreReadRelativeToTheirFolder() throws IOException {
        TestAssets.write(dir.resolve("in"), "app-5XJ2Q7TM.js", TestAssets.javascript(1, 2_000));
        Path meta = Files.writeString(dir.resolve("meta.json"), """
                {"inputs": {"src/app.ts": {"bytes": 10}},
                 "outputs": {"dist/app-5XJ2Q7TM.js": {"bytes": 2000, "inputs": {}}}}""");
        AssetManifest m = pipeline().bundlerManifest(meta).build().run().manifest();
        assertThat(file(m, "app-5XJ2Q7TM.js")).isEqualTo("app-5XJ2Q7TM.js");
    }

    @Test
    void aConfiguredPatternKeepsTheNamesItMatches() throws IOException {
        TestAssets.write(dir.resolve("in"), "js/main.8e3c1b2a.js", TestAssets.javascript(1, 2_000));
        TestAssets.write(dir.resolve("in"), "js/main.js", TestAssets.javascript(2, 2_000));
        AssetManifest m =
                pipeline().hashedNames("js/.*\\.[0-9a-f]{8}\\.js").build().run().manifest();
        assertThat(file(m, "js/main.8e3c1b2a.js")).isEqualTo("js/main.8e3c1b2a.js");
        assertThat(file(m, "js/main.js")).isNotEqualTo("js/main.js");
    }

    @Test
    void aBundlerManifestThatIsMissingOrOfAnotherShapeFailsNamingIt() throws IOException {
        TestAssets.write(dir.resolve("in"), "a.js", TestAssets.javascript(1, 500));
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> pipeline().bundlerManifest(missing).build().run())
                .isInstanceOf(AssetPipelineException.class)
                .hasMessageContaining(missing.toString());
        Path notJson = Files.writeString(dir.resolve("bad.json"), "{nope");
        assertThatThrownBy(() -> pipeline().bundlerManifest(notJson).build().run())
                .isInstanceOf(AssetPipelineException.class)
                .hasMessageContaining(notJson + " is not valid JSON");
        Path shape = Files.writeString(dir.resolve("shape.json"), "{\"a\": 1}");
        assertThatThrownBy(() -> pipeline().bundlerManifest(shape).build().run())
                .isInstanceOf(AssetPipelineException.class)
                .hasMessageContaining(shape + " is neither a Vite manifest");
    }

    @Test
    void aPatternThatDoesNotCompileIsRejectedNamingIt() {
        assertThatThrownBy(() -> AssetPipeline.builder().hashedNames("js/(.*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hashedNames must be a Java regular expression, but was js/(.*");
    }
}
