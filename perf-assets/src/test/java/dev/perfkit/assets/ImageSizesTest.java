package dev.perfkit.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline records image sizes in the manifest, and a broken image is a warning, not a failed build. */
class ImageSizesTest {
    @TempDir
    Path dir;

    private PipelineResult run() {
        return AssetPipeline.builder()
                .input(dir.resolve("in"))
                .output(dir.resolve("out"))
                .build()
                .run();
    }

    private void input(String name, byte[] bytes) throws IOException {
        TestAssets.write(dir.resolve("in"), name, bytes);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyImageFormatsSizeIsInTheManifestAndSurvivesLoading() throws IOException {
        input("img/a.png", TestImages.png(64, 32));
        input("img/b.jpg", TestImages.jpeg(30, 20, true));
        input("img/c.gif", TestImages.gif(7, 9));
        input("img/d.webp", TestImages.webp("vp8l"));
        input("img/e.svg", utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 48 24\"></svg>"));
        input("app.css", utf8("body{background:url(img/a.png)}"));
        PipelineResult result = run();
        assertThat(result.warnings()).isEmpty();
        for (AssetManifest m : new AssetManifest[] {result.manifest(), AssetManifest.load(dir.resolve("out"))}) {
            assertThat(m.entry("img/a.png").orElseThrow().imageSize()).isEqualTo(new ImageSize(64, 32));
            assertThat(m.entry("img/b.jpg").orElseThrow().imageSize()).isEqualTo(new ImageSize(30, 20));
            assertThat(m.entry("img/c.gif").orElseThrow().imageSize()).isEqualTo(new ImageSize(7, 9));
            assertThat(m.entry("img/d.webp").orElseThrow().imageSize()).isEqualTo(new ImageSize(13, 7));
            assertThat(m.entry("img/e.svg").orElseThrow().imageSize()).isEqualTo(new ImageSize(48, 24));
            assertThat(m.entry("app.css").orElseThrow().imageSize()).isNull();
        }
        assertThat(Files.readString(dir.resolve("out").resolve(AssetManifest.FILE_NAME)))
                .contains("\"width\" : 64", "\"height\" : 32");
    }

    @Test
    void truncatedAndCorruptImagesGetNoSizeAndAWarning() throws IOException {
        byte[] png = TestImages.png(64, 32);
        input("img/cut.png", Arrays.copyOf(png, png.length / 2));
        input("img/text.jpg", utf8("not a picture"));
        byte[] jpeg = TestImages.jpeg(16, 16, false);
        input("img/head.jpg", Arrays.copyOf(jpeg, 100));
        input("img/broken.svg", utf8("<svg width=\"10"));
        input("img/ok.gif", TestImages.gif(3, 3));
        PipelineResult result = run();
        AssetManifest m = AssetManifest.load(dir.resolve("out"));
        for (String name : new String[] {"img/cut.png", "img/text.jpg", "img/head.jpg", "img/broken.svg"}) {
            assertThat(m.entry(name).orElseThrow().imageSize()).as(name).isNull();
        }
        assertThat(m.entry("img/ok.gif").orElseThrow().imageSize()).isEqualTo(new ImageSize(3, 3));
        assertThat(result.warnings())
                .containsExactly(
                        "img/broken.svg: truncated SVG: it ends before its root element does"
                                + " (no width and height recorded)",
                        "img/cut.png: truncated PNG: it does not end with an IEND chunk (no width and height recorded)",
                        "img/head.jpg: truncated JPEG: it ends before its frame header (SOF)"
                                + " (no width and height recorded)",
                        "img/text.jpg: not a PNG, JPEG, GIF or WebP image: its first bytes match none of them"
                                + " (no width and height recorded)");
    }

    @Test
    void manifestWithHalfASizeIsRejectedNamingTheAsset() throws IOException {
        input("img/a.png", TestImages.png(4, 4));
        run();
        Path file = dir.resolve("out").resolve(AssetManifest.FILE_NAME);
        String json = Files.readString(file);
        Files.writeString(file, json.replace("\"height\" : 4,", "").replace("\"height\" : 4", ""));
        assertThatThrownBy(() -> AssetManifest.load(dir.resolve("out")))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("asset \"img/a.png\"")
                .hasMessageContaining("\"width\" and \"height\" must both be given");
        Files.writeString(file, json.replace("\"height\" : 4", "\"height\" : -4"));
        assertThatThrownBy(() -> AssetManifest.load(dir.resolve("out")))
                .hasMessageContaining("\"height\" must be a positive integer, but was -4");
    }
}
