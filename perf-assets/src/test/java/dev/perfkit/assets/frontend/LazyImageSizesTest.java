package dev.perfkit.assets.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.AssetPipeline;
import dev.perfkit.assets.TestAssets;
import dev.perfkit.assets.TestImages;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LazyLoading adds width and height from the manifest's image sizes, only to images that set neither. */
class LazyImageSizesTest {
    @TempDir
    static Path dir;

    private static AssetManifest manifest;
    private static AssetManifest onCdn;
    private static String hero;
    private static String logo;

    @BeforeAll
    static void process() throws IOException {
        Path in = dir.resolve("in");
        TestAssets.write(in, "img/hero.png", TestImages.png(1200, 600));
        TestAssets.write(in, "img/my logo.svg", "<svg viewBox=\"0 0 40 20\"/>".getBytes(StandardCharsets.UTF_8));
        TestAssets.write(in, "img/cut.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        manifest = AssetPipeline.builder()
                .input(in)
                .output(dir.resolve("out"))
                .build()
                .run()
                .manifest();
        onCdn = AssetPipeline.builder()
                .input(in)
                .output(dir.resolve("cdn"))
                .cdnBase("https://cdn.example/static")
                .build()
                .run()
                .manifest();
        hero = manifest.entry("img/hero.png").orElseThrow().file();
        logo = manifest.entry("img/my logo.svg").orElseThrow().file();
    }

    private static LazyLoading sized() {
        return LazyLoading.eagerFirst(10).withImageSizes(manifest, "/assets");
    }

    @Test
    void theSnippetSizesAndPrioritisesTheHeroImage() {
        assertThat(LazyLoadingSnippets.sizes(manifest, "<img src=\"/assets/" + hero + "\">"))
                .isEqualTo("<img src=\"/assets/" + hero + "\" width=\"1200\" height=\"600\" fetchpriority=\"high\">");
    }

    @Test
    void fingerprintedAndLogicalNamesBothMatchQueryAndEscapesIncluded() {
        String page = "<p><img src='/assets/" + hero + "?v=2#x' alt=a><img src=/assets/img/hero.png>"
                + "<img alt=\"l\" src=\"/assets/" + logo.replace(" ", "%20")
                + "\"/><img src=\"/assets/img/my logo.svg\">";
        assertThat(LazyLoading.eagerFirst(0)
                        .withImageSizes(manifest, "/assets/")
                        .rewrite(page))
                .isEqualTo("<p><img src='/assets/" + hero + "?v=2#x' alt=a width=\"1200\" height=\"600\""
                        + " loading=\"lazy\" decoding=\"async\">"
                        + "<img src=/assets/img/hero.png width=\"1200\" height=\"600\" loading=\"lazy\""
                        + " decoding=\"async\">"
                        + "<img alt=\"l\" src=\"/assets/" + logo.replace(" ", "%20") + "\" width=\"40\" height=\"20\""
                        + " loading=\"lazy\" decoding=\"async\"/>"
                        + "<img src=\"/assets/img/my logo.svg\" width=\"40\" height=\"20\" loading=\"lazy\""
                        + " decoding=\"async\">");
    }

    @Test
    void anImageThatSetsWidthOrHeightIsNeverGivenASize() {
        String page = "<img src=/assets/img/hero.png width=100><img src=/assets/img/hero.png HEIGHT=\"5\">"
                + "<img height src=/assets/img/hero.png><img src=/assets/img/hero.png style=\"width:1px\">";
        assertThat(sized().rewrite(page))
                .isEqualTo("<img src=/assets/img/hero.png width=100 fetchpriority=\"high\">"
                        + "<img src=/assets/img/hero.png HEIGHT=\"5\"><img height src=/assets/img/hero.png>"
                        + "<img src=/assets/img/hero.png style=\"width:1px\" width=\"1200\" height=\"600\">");
    }

    @Test
    void imagesNotInTheManifestOrUnmeasuredOrElsewhereAreNotSized() {
        String page = "<img src=/assets/img/cut.png><img src=/assets/img/gone.png><img src=img/hero.png>"
                + "<img src=/other/img/hero.png><img srcset=\"/assets/img/hero.png 2x\"><img src=/assets/%zz>"
                + "<iframe src=/assets/img/hero.png></iframe><img data-src=/assets/img/hero.png>";
        assertThat(LazyLoading.eagerFirst(1000)
                        .withImageSizes(manifest, "/assets")
                        .rewrite(page))
                .isEqualTo(page.replaceFirst(">", " fetchpriority=\"high\">"));
    }

    @Test
    void anElementThatSetsLoadingStillGetsItsSize() {
        assertThat(sized().rewrite("<img loading=eager src=\"/assets/img/hero.png\">"))
                .isEqualTo("<img loading=eager src=\"/assets/img/hero.png\" width=\"1200\" height=\"600\">");
    }

    @Test
    void imagesOnTheManifestsCdnAreSizedToo() {
        String cdnHero = onCdn.entry("img/hero.png").orElseThrow().file();
        assertThat(LazyLoading.eagerFirst(1)
                        .withImageSizes(onCdn, "")
                        .rewrite("<img src=https://cdn.example/static/" + cdnHero + "><img src=/" + cdnHero + ">"
                                + "<img src=https://evil.example/static/" + cdnHero + ">"))
                .isEqualTo("<img src=https://cdn.example/static/" + cdnHero
                        + " width=\"1200\" height=\"600\" fetchpriority=\"high\">"
                        + "<img src=/" + cdnHero + " width=\"1200\" height=\"600\" loading=\"lazy\" decoding=\"async\">"
                        + "<img src=https://evil.example/static/" + cdnHero + " loading=\"lazy\" decoding=\"async\">");
    }

    @Test
    void imgInsideScriptsAndCommentsIsNotSized() {
        String page = "<!-- <img src=/assets/img/hero.png> --><script>'<img src=/assets/img/hero.png>'</script>";
        assertThat(sized().rewrite(page)).isEqualTo(page);
    }

    @Test
    void sizesAreAddedWhenThePageIsWrittenOneCharacterAtATime() throws IOException {
        String page = "<div><img src=\"/assets/" + hero + "\" alt=\"x\"></div>";
        StringWriter out = new StringWriter();
        try (Writer w = sized().wrap(out)) {
            for (char c : page.toCharArray()) {
                w.write(c);
            }
        }
        assertThat(out.toString()).isEqualTo(sized().rewrite(page)).contains("width=\"1200\" height=\"600\"");
    }

    @Test
    void aBadPathPrefixIsRejectedNamingIt() {
        assertThatThrownBy(() -> LazyLoading.defaults().withImageSizes(manifest, "assets"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pathPrefix must be empty or start with '/', such as /assets, but was assets");
    }

    @Test
    void withImageSizesLeavesTheOriginalUnchanged() {
        LazyLoading plain = LazyLoading.eagerFirst(5);
        plain.withImageSizes(manifest, "/assets");
        assertThat(plain.rewrite("<img src=/assets/img/hero.png>"))
                .isEqualTo("<img src=/assets/img/hero.png fetchpriority=\"high\">");
    }
}
