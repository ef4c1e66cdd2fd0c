package dev.perfkit.assets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.testsupport.JettyServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every region of {@link AssetPipelineSnippets}, so the Javadoc and README examples are known to work. */
class AssetPipelineSnippetsTest {
    @TempDir
    Path dir;

    @Test
    void basicProcessesAFolder() throws Exception {
        PipelineResult r = AssetPipelineSnippets.basic(TestAssets.sampleInput(dir.resolve("in")), dir.resolve("out"));
        assertThat(r.files()).isEqualTo(8);
        assertThat(r.warnings()).isEmpty();
        assertThat(dir.resolve("out").resolve(AssetManifest.FILE_NAME)).exists();
    }

    @Test
    void bundlerKeepsListedNames() throws Exception {
        Path dist = ViteFixture.write(dir.resolve("dist"));
        TestAssets.write(dist, "static/js/main.8e3c1b2a.js", TestAssets.javascript(1, 1_000));
        TestAssets.write(dist, "static/js/chunk.0a1b2c3d.js", TestAssets.javascript(2, 1_000));
        Path webpack =
                Files.writeString(dir.resolve("manifest.json"), "{\"chunk.js\": \"/static/js/chunk.0a1b2c3d.js\"}");
        PipelineResult r = AssetPipelineSnippets.bundler(dist, webpack, dir.resolve("out"));
        for (String kept : new String[] {ViteFixture.JS, "static/js/main.8e3c1b2a.js", "static/js/chunk.0a1b2c3d.js"}) {
            assertThat(r.manifest().entry(kept).orElseThrow().file()).isEqualTo(kept);
        }
    }

    @Test
    void serveAnswersTheRenderedUrl() throws Exception {
        AssetPipelineSnippets.basic(TestAssets.sampleInput(dir.resolve("in")), dir.resolve("out"));
        String[] rendered = new String[2];
        try (JettyServer server = JettyServer.servlets(context ->
                System.arraycopy(AssetPipelineSnippets.serve(dir.resolve("out"), context), 0, rendered, 0, 2))) {
            assertThat(rendered[0]).matches("/assets/app-[0-9a-f]{10}\\.js");
            assertThat(rendered[1]).startsWith("sha384-");
            HttpResponse<byte[]> r = server.client()
                    .send(
                            HttpRequest.newBuilder(server.uri(rendered[0])).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        }
    }
}
