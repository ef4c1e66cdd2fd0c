package dev.perfkit.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetManifestTest {
    @TempDir
    Path dir;

    Path out;
    Path manifestFile;
    AssetManifest manifest;

    @BeforeEach
    void process() throws IOException {
        manifest = TestAssets.processedSample(dir);
        out = dir.resolve("out");
        manifestFile = out.resolve(AssetManifest.FILE_NAME);
    }

    private void edit(String from, String to) throws IOException {
        String json = Files.readString(manifestFile);
        assertThat(json).contains(from);
        Files.writeString(manifestFile, json.replaceFirst(java.util.regex.Pattern.quote(from), to));
    }

    @Test
    void aProcessedFolderLoadsWithEveryEntry() {
        assertThat(AssetManifest.load(out).entries()).hasSize(8);
        assertThat(manifest.entry("css/app.css").orElseThrow().contentType()).isEqualTo("text/css; charset=utf-8");
        assertThat(manifest.entry("app.js").orElseThrow().integrity()).startsWith("sha384-");
    }

    @Test
    void aMissingManifestFailsNamingIt() throws IOException {
        Files.delete(manifestFile);
        assertThatThrownBy(() -> AssetManifest.load(out))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining(manifestFile.toString())
                .hasMessageContaining("cannot be read");
    }

    @Test
    void badJsonFailsNamingTheManifest() throws IOException {
        Files.writeString(manifestFile, "{\"version\": 1, \"assets\": {");
        assertThatThrownBy(() -> AssetManifest.load(out))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining(manifestFile.toString())
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aMissingListedFileFailsNamingTheFile() throws IOException {
        String file = manifest.entry("app.js").orElseThrow().file();
        Files.delete(out.resolve(file));
        assertThatThrownBy(() -> AssetManifest.load(out))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining(file)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void aSizeMismatchFailsNamingTheFile() throws IOException {
        String file = manifest.entry("app.js")
                .orElseThrow()
                .variants()
                .get(Coding.GZIP)
                .file();
        Files.write(out.resolve(file), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> AssetManifest.load(out))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining(file)
                .hasMessageContaining("size 3 but manifest says");
    }

    @Test
    void aContentMismatchOfTheSameSizeFailsNamingTheFile() throws IOException {
        AssetEntry css = manifest.entry("css/base.css").orElseThrow();
        byte[] bytes = Files.readAllBytes(out.resolve(css.file()));
        bytes[0] ^= 1;
        Files.write(out.resolve(css.file()), bytes);
        assertThatThrownBy(() -> AssetManifest.load(out))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining(css.file())
                .hasMessageContaining("does not match integrity");
    }

    @Test
    void aFieldOfTheWrongTypeFails() throws IOException {
        edit("\"size\" : ", "\"size\" : \"many\", \"x\" : ");
        assertThatThrownBy(() -> AssetManifest.load(out))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("\"size\" must be a non-negative integer");
    }

    @Test
    void anUnknownCodingFails() throws IOException {
        edit("\"gzip\" : {", "\"deflate\" : {");
        assertThatThrownBy(() -> AssetManifest.load(out))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("unknown coding \"deflate\"");
    }

    @Test
    void aWrongVersionFails() throws IOException {
        edit("\"version\" : 1", "\"version\" : 7");
        assertThatThrownBy(() -> AssetManifest.load(out))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("\"version\" must be 1, but was 7");
    }

    @Test
    void aFilePathLeavingTheFolderFails() throws IOException {
        String file = manifest.entry("robots.txt").orElseThrow().file();
        edit("\"file\" : \"" + file + "\"", "\"file\" : \"../in/robots.txt\"");
        assertThatThrownBy(() -> AssetManifest.load(out))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("not a safe relative path");
    }

    @Test
    void aListedSymbolicLinkLeavingTheFolderFails() throws IOException {
        String file = manifest.entry("robots.txt").orElseThrow().file();
        Files.delete(out.resolve(file));
        Files.createSymbolicLink(out.resolve(file), dir.resolve("in/robots.txt"));
        assertThatThrownBy(() -> AssetManifest.load(out))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining(file)
                .hasMessageContaining("outside");
    }

    @Test
    void urlsUseThePrefixOrTheCdnWithIntegrity() {
        AssetEntry css = manifest.entry("css/app.css").orElseThrow();
        assertThat(AssetUrls.of(manifest, "/assets").url("css/app.css")).isEqualTo("/assets/" + css.file());
        assertThat(AssetUrls.withCdn(manifest, "https://cdn.example.com/s/").url("css/app.css"))
                .isEqualTo("https://cdn.example.com/s/" + css.file());
        assertThat(AssetUrls.of(manifest, "").integrity("css/app.css")).isEqualTo(css.integrity());
        assertThatThrownBy(() -> AssetUrls.of(manifest, "").url("nope.js"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope.js");
    }

    @Test
    void aCdnBaseGivenToThePipelineIsRecordedAndUsed() {
        AssetPipeline.builder()
                .input(dir.resolve("in"))
                .output(out)
                .cdnBase("https://cdn.example.com")
                .build()
                .run();
        AssetManifest m = AssetManifest.load(out);
        assertThat(m.cdnBase()).contains("https://cdn.example.com");
        assertThat(AssetUrls.of(m, "/assets").url("app.js"))
                .isEqualTo("https://cdn.example.com/"
                        + m.entry("app.js").orElseThrow().file());
    }

    @Test
    void aRenamedFileWhoseNameDoesNotCarryItsHashIsRefused() throws IOException {
        String robots = manifest.entry("robots.txt").orElseThrow().file();
        Path renamed = out.resolve("robots-0123456789.txt");
        Files.copy(out.resolve(robots), renamed);
        edit("\"file\" : \"" + robots + "\"", "\"file\" : \"robots-0123456789.txt\"");
        assertThatThrownBy(() -> AssetManifest.load(out))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("robots-0123456789.txt: renamed, but the name does not carry its content hash");
    }

    @Test
    void aKeptNameIsFingerprintedOnlyWhenTheManifestSaysSo() throws IOException {
        String robots = manifest.entry("robots.txt").orElseThrow().file();
        Files.copy(out.resolve(robots), out.resolve("robots.txt"));
        edit("\"file\" : \"" + robots + "\"", "\"file\" : \"robots.txt\"");
        String json = Files.readString(manifestFile);
        int at = json.indexOf("\"robots.txt\" : {");
        int field = json.indexOf("\"fingerprinted\" : true", at);
        Files.writeString(manifestFile, json.substring(0, field) + "\"legacy\" : 1" + json.substring(field + 22));
        assertThat(AssetManifest.load(out).entry("robots.txt").orElseThrow().fingerprinted())
                .isFalse();
        edit("\"legacy\" : 1", "\"fingerprinted\" : true");
        assertThat(AssetManifest.load(out).entry("robots.txt").orElseThrow().fingerprinted())
                .isTrue();
        edit("\"fingerprinted\" : true", "\"fingerprinted\" : \"yes\"");
        assertThatThrownBy(() -> AssetManifest.load(out))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("\"fingerprinted\" must be true or false, but was \"yes\"");
    }
}
