package dev.perfkit.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSS references in every form a stylesheet writes them are rewritten, and references to nothing are reported. */
class CssRewritingTest {
    @TempDir
    Path dir;

    Path in;

    @BeforeEach
    void images() throws IOException {
        in = dir.resolve("in");
        TestAssets.write(in, "img/a.png", TestImages.noisyPng(1, 14, 14));
        TestAssets.write(in, "img/b.png", TestImages.noisyPng(2, 14, 14));
        TestAssets.write(in, "img/my logo.png", TestImages.noisyPng(3, 14, 14));
    }

    private PipelineResult run(String css) throws IOException {
        TestAssets.write(in, "x.css", css.getBytes(StandardCharsets.UTF_8));
        return AssetPipeline.builder()
                .input(in)
                .output(dir.resolve("out"))
                .build()
                .run();
    }

    private String rewritten(PipelineResult r) throws IOException {
        return Files.readString(dir.resolve("out")
                .resolve(r.manifest().entry("x.css").orElseThrow().file()));
    }

    private static String name(PipelineResult r, String logical) {
        String file = r.manifest().entry(logical).orElseThrow().file();
        return file.substring(file.lastIndexOf('/') + 1);
    }

    @Test
    void urlIsRewrittenInAnyCase() throws IOException {
        PipelineResult r = run("a { background: URL(img/a.png) } b { background: Url('img/b.png') }");
        assertThat(rewritten(r))
                .isEqualTo("a { background: URL(img/" + name(r, "img/a.png") + ") } b { background: Url('img/"
                        + name(r, "img/b.png") + "') }");
    }

    @Test
    void percentEncodedReferencesAreDecodedToFindTheFile() throws IOException {
        PipelineResult r = run("a { background: url(img/a%2Epng) } b { background: url(\"img/my%20logo.png\") }");
        String logo = name(r, "img/my logo.png");
        assertThat(logo).startsWith("my logo-");
        assertThat(rewritten(r))
                .isEqualTo("a { background: url(img/" + name(r, "img/a.png") + ") } b { background: url(\"img/"
                        + logo.replace(" ", "%20") + "\") }");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void plainStringsInImageSetAreRewrittenButTypeStringsAreNot() throws IOException {
        PipelineResult r = run("a { background-image: image-set(\"img/a.png\" 1x, 'img/b.png' 2x); }\n"
                + "b { background-image: -webkit-image-set(\"img/a.png\" 1x, url(img/b.png) 2x); }\n"
                + "c { background-image: IMAGE-SET(\"img/a.png\" type(\"image/png\")); }");
        String a = name(r, "img/a.png");
        String b = name(r, "img/b.png");
        assertThat(rewritten(r))
                .isEqualTo("a { background-image: image-set(\"img/" + a + "\" 1x, 'img/" + b + "' 2x); }\n"
                        + "b { background-image: -webkit-image-set(\"img/" + a + "\" 1x, url(img/" + b + ") 2x); }\n"
                        + "c { background-image: IMAGE-SET(\"img/" + a + "\" type(\"image/png\")); }");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aReferenceToAMissingFileIsAWarningAndExternalOnesAreNot() throws IOException {
        String css = "a { background: url(img/gone.png) } b { background: url(https://cdn.example/x.png) }"
                + " c { background: url(data:image/png;base64,AAAA) } d { background: url(#f) }";
        PipelineResult r = run(css);
        assertThat(rewritten(r)).isEqualTo(css);
        assertThat(r.warnings())
                .containsExactly(
                        "x.css: img/gone.png refers to img/gone.png, which is not in the input folder (left as is)");
    }

    @Test
    void aMissingReferenceFailsTheBuildWhenAskedTo() throws IOException {
        TestAssets.write(in, "x.css", "a { background: url(../img/gone.png) }".getBytes(StandardCharsets.UTF_8));
        TestAssets.write(in, "css/y.css", "a { background: url(../img/gone.png) }".getBytes(StandardCharsets.UTF_8));
        TestAssets.write(in, "app.js", "console.log('references nothing')".getBytes(StandardCharsets.UTF_8));
        AssetPipeline pipeline = AssetPipeline.builder()
                .input(in)
                .output(dir.resolve("out"))
                .failOnMissingReferences(true)
                .build();
        assertThatThrownBy(pipeline::run)
                .isInstanceOf(AssetPipelineException.class)
                .hasMessageContaining("1 reference(s) to files not in")
                .hasMessageContaining("css/y.css: ../img/gone.png refers to img/gone.png");
        try (java.util.stream.Stream<Path> written = Files.walk(dir.resolve("out"))) {
            assertThat(written.filter(Files::isRegularFile))
                    .as("nothing is written, not even the files that reference nothing")
                    .isEmpty();
        }
    }

    @Test
    void anEncodedSlashIsNoReference() throws IOException {
        String css = "a { background: url(img%2Fa.png) }";
        PipelineResult r = run(css);
        assertThat(rewritten(r)).isEqualTo(css);
    }
}
