package dev.perfkit.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetPipelineTest {
    @TempDir
    Path dir;

    private PipelineResult run() {
        return AssetPipeline.builder()
                .input(dir.resolve("in"))
                .output(dir.resolve("out"))
                .build()
                .run();
    }

    private String text(String file) throws IOException {
        return Files.readString(dir.resolve("out").resolve(file));
    }

    @Test
    void namesCarryTheContentHash() throws IOException {
        TestAssets.sampleInput(dir.resolve("in"));
        AssetEntry js = run().manifest().entry("app.js").orElseThrow();
        assertThat(js.file()).matches("app-[0-9a-f]{10}\\.js");
        assertThat(js.fingerprinted()).isTrue();
        assertThat(Files.exists(dir.resolve("out").resolve(js.file()))).isTrue();
    }

    @Test
    void namesTheBundlersManifestListsAreKept() throws IOException {
        TestAssets.sampleInput(dir.resolve("in"));
        TestAssets.write(
                dir.resolve("in"),
                ".vite/manifest.json",
                "{\"main.js\": {\"file\": \"assets/index-BxA3f_9K.js\"}}".getBytes(StandardCharsets.UTF_8));
        AssetEntry e = run().manifest().entry("assets/index-BxA3f_9K.js").orElseThrow();
        assertThat(e.file()).isEqualTo("assets/index-BxA3f_9K.js");
        assertThat(e.fingerprinted()).isTrue();
    }

    @Test
    void cssUrlsImportsAndSourceMapsPointAtFingerprintedNames() throws IOException {
        TestAssets.sampleInput(dir.resolve("in"));
        AssetManifest m = run().manifest();
        String css = text(m.entry("css/app.css").orElseThrow().file());
        String base = m.entry("css/base.css").orElseThrow().file().substring(4);
        String logo = m.entry("img/logo.png").orElseThrow().file().substring(4);
        assertThat(css)
                .contains("@import \"" + base + "\"")
                .contains("url('../img/" + logo + "?v=1')")
                .contains("url(data:image/png;base64,AAAA)")
                .doesNotContain("base.css\"");
        String js = text(m.entry("app.js").orElseThrow().file());
        assertThat(js)
                .contains("sourceMappingURL="
                        + m.entry("app.js.map").orElseThrow().file());
    }

    @Test
    void aChangeInAReferencedFileChangesTheReferencingFilesHash() throws IOException {
        TestAssets.sampleInput(dir.resolve("in"));
        String before = run().manifest().entry("css/app.css").orElseThrow().file();
        TestAssets.write(dir.resolve("in"), "img/logo.png", TestImages.noisyPng(99, 40, 40));
        String after = run().manifest().entry("css/app.css").orElseThrow().file();
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void aReferenceCycleFailsNamingTheCycle() throws IOException {
        TestAssets.write(dir.resolve("in"), "a.css", "@import \"b.css\";".getBytes(StandardCharsets.UTF_8));
        TestAssets.write(dir.resolve("in"), "b.css", "x { background: url(a.css) }".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(this::run)
                .isInstanceOf(AssetPipelineException.class)
                .hasMessageContaining("reference cycle: a.css -> b.css -> a.css");
    }

    @Test
    void compressibleFilesGetAllThreeCodings() throws IOException {
        TestAssets.sampleInput(dir.resolve("in"));
        AssetEntry js = run().manifest().entry("app.js").orElseThrow();
        assertThat(js.variants().keySet()).containsExactlyInAnyOrder(Coding.values());
        for (Variant v : js.variants().values()) {
            assertThat(v.size()).isLessThanOrEqualTo((long) (js.size() * 0.95));
            assertThat(Files.size(dir.resolve("out").resolve(v.file()))).isEqualTo(v.size());
        }
    }

    @Test
    void imagesFontsAndTinyFilesAreNotPrecompressed() throws IOException {
        TestAssets.sampleInput(dir.resolve("in"));
        AssetManifest m = run().manifest();
        assertThat(m.entry("img/logo.png").orElseThrow().variants()).isEmpty();
        assertThat(m.entry("fonts/inter.woff2").orElseThrow().variants()).isEmpty();
        assertThat(m.entry("robots.txt").orElseThrow().variants()).isEmpty();
    }

    @Test
    void aVariantThatSavesLessThanFivePercentIsDropped() throws IOException {
        TestAssets.write(dir.resolve("in"), "noise.js", TestAssets.random(5, 10_000)); // text type, random content
        assertThat(run().manifest().entry("noise.js").orElseThrow().variants()).isEmpty();
    }

    @Test
    void everyVariantDecodesToTheIdentityBytes() throws IOException {
        TestAssets.sampleInput(dir.resolve("in"));
        AssetEntry js = run().manifest().entry("app.js").orElseThrow();
        byte[] identity = Files.readAllBytes(dir.resolve("out").resolve(js.file()));
        for (Variant v : js.variants().values()) {
            String token = v.file().endsWith(".br") ? "br" : v.file().endsWith(".zst") ? "zstd" : "gzip";
            assertThat(TestAssets.decode(
                            token, Files.readAllBytes(dir.resolve("out").resolve(v.file()))))
                    .isEqualTo(identity);
        }
    }

    @Test
    void aSecondRunRecompressesOnlyChangedFiles() throws IOException {
        TestAssets.sampleInput(dir.resolve("in"));
        PipelineResult first = run();
        assertThat(first.compressed()).isGreaterThan(0);
        assertThat(first.reused()).isZero();
        PipelineResult second = run();
        assertThat(second.compressed()).isZero();
        assertThat(second.reused()).isEqualTo(first.compressed());
        TestAssets.write(
                dir.resolve("in"),
                "css/base.css",
                "h2 { color: red }\n".repeat(200).getBytes(StandardCharsets.UTF_8));
        PipelineResult third = run();
        assertThat(third.compressed()).isEqualTo(6); // base.css and app.css (its @import changed), 3 codings each
    }

    @Test
    void codingsCanBeRestricted() throws IOException {
        TestAssets.sampleInput(dir.resolve("in"));
        PipelineResult r = AssetPipeline.builder()
                .input(dir.resolve("in"))
                .output(dir.resolve("out"))
                .codings(Set.of(Coding.GZIP))
                .parallelism(1)
                .build()
                .run();
        assertThat(r.manifest().entry("app.js").orElseThrow().variants().keySet())
                .containsExactly(Coding.GZIP);
    }

    @Test
    void aSymbolicLinkLeavingTheInputFails() throws IOException {
        TestAssets.sampleInput(dir.resolve("in"));
        Path secret = Files.writeString(dir.resolve("secret.txt"), "top secret");
        Files.createSymbolicLink(dir.resolve("in/leak.txt"), secret);
        assertThatThrownBy(this::run)
                .isInstanceOf(AssetPipelineException.class)
                .hasMessageContaining("leak.txt")
                .hasMessageContaining("outside the input folder");
    }

    @Test
    void aLinkInsideTheInputIsFollowedAndAnOutputFolderInsideItIsSkipped() throws IOException {
        Path in = dir.resolve("in");
        TestAssets.write(in, "js/real.js", "console.log(1)".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(in.resolve("alias.js"), in.resolve("js/real.js"));
        Files.createSymbolicLink(in.resolve("linked-dir"), in.resolve("js")); // a folder link is not walked
        PipelineResult first = AssetPipeline.builder()
                .input(in)
                .output(in.resolve("dist"))
                .build()
                .run();
        PipelineResult again = AssetPipeline.builder()
                .input(in)
                .output(in.resolve("dist"))
                .build()
                .run();
        for (PipelineResult r : List.of(first, again)) {
            assertThat(r.manifest().entries())
                    .extracting(AssetEntry::logicalPath)
                    .as("the link's target under its own name, and nothing from the output folder")
                    .containsExactly("alias.js", "js/real.js");
        }
        assertThat(again.manifest().entry("alias.js").orElseThrow().etag())
                .isEqualTo(again.manifest().entry("js/real.js").orElseThrow().etag());
    }

    @Test
    void progressIsReportedForEveryFile() throws IOException {
        TestAssets.sampleInput(dir.resolve("in"));
        java.util.concurrent.atomic.AtomicInteger last = new java.util.concurrent.atomic.AtomicInteger();
        AssetPipeline.builder()
                .input(dir.resolve("in"))
                .output(dir.resolve("out"))
                .listener((done, total) -> last.accumulateAndGet(done, Math::max))
                .build()
                .run();
        assertThat(last.get()).isEqualTo(8);
    }

    @Test
    void builderRejectsBadValuesNamingThem() {
        assertThatThrownBy(() -> AssetPipeline.builder().parallelism(0))
                .hasMessage("parallelism must be between 1 and 256, but was 0");
        assertThatThrownBy(() -> AssetPipeline.builder().minCompressSize(-1))
                .hasMessage("minCompressSize must be between 0 and 1048576, but was -1");
        assertThatThrownBy(() -> AssetPipeline.builder().cdnBase("ftp://x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ftp://x");
        assertThatThrownBy(() -> AssetPipeline.builder().input(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("input");
    }

    @Test
    void parallelAndSequentialRunsWriteTheSameManifest() throws IOException {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 60; i++) {
            TestAssets.write(
                    dir.resolve("in"),
                    "m/f" + i + (i % 5 == 0 ? ".css" : ".js"),
                    TestAssets.javascript(random.nextLong(), 500 + random.nextInt(4_000)));
        }
        AssetPipeline.builder()
                .input(dir.resolve("in"))
                .output(dir.resolve("seq"))
                .parallelism(1)
                .build()
                .run();
        AssetPipeline.builder()
                .input(dir.resolve("in"))
                .output(dir.resolve("par"))
                .parallelism(8)
                .build()
                .run();
        assertThat(Files.readString(dir.resolve("par").resolve(AssetManifest.FILE_NAME)))
                .isEqualTo(Files.readString(dir.resolve("seq").resolve(AssetManifest.FILE_NAME)));
    }

    @Test
    void referencesLeavingTheInputAreLeftAloneAndNothingOutsideIsRead() throws IOException {
        Files.writeString(dir.resolve("outside.png"), "not an input");
        String css = "a { background: url(../../outside.png) } b { background: url(/../outside.png) }";
        TestAssets.write(dir.resolve("in"), "css/x.css", css.getBytes(StandardCharsets.UTF_8));
        AssetManifest m = run().manifest();
        assertThat(text(m.entry("css/x.css").orElseThrow().file())).isEqualTo(css);
        assertThat(m.entries()).extracting(AssetEntry::logicalPath).containsExactly("css/x.css");
    }

    @Test
    void droppedVariantsAreRememberedAndAnEditedVariantIsCompressedAgain() throws IOException {
        TestAssets.sampleInput(dir.resolve("in"));
        TestAssets.write(dir.resolve("in"), "noise.js", TestAssets.random(5, 10_000));
        PipelineResult first = run();
        assertThat(first.manifest().entry("noise.js").orElseThrow().variants()).isEmpty();
        assertThat(run().compressed()).isZero(); // noise.js's dropped variants are not recompressed either
        AssetEntry js = first.manifest().entry("app.js").orElseThrow();
        Path br = dir.resolve("out").resolve(js.variants().get(Coding.BROTLI).file());
        byte[] good = Files.readAllBytes(br);
        Files.write(br, java.util.Arrays.copyOf(good, good.length - 1)); // a truncated variant is not reused
        PipelineResult third = run();
        assertThat(third.compressed()).isEqualTo(1);
        assertThat(Files.readAllBytes(br)).isEqualTo(good);
        AssetManifest.load(dir.resolve("out"));
    }

    @Test
    void aColdBuildCreatesNoCacheFilePerInput() throws IOException {
        TestAssets.sampleInput(dir.resolve("in"));
        run();
        try (var files = Files.list(dir.resolve("out/.perfkit-cache"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("index-v1.tsv");
        }
    }
}
