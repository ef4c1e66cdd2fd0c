package dev.perfkit.assets.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.AssetPipeline;
import dev.perfkit.assets.ViteFixture;
import dev.perfkit.testsupport.JettyServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cache-Control through Jetty for a Vite build: the bundler's names for a year, look-alike names never. */
class BundlerNamesIT {
    static final String YEAR = "public, max-age=31536000, immutable";

    @TempDir
    Path dir;

    @Test
    void viteNamesAreImmutableAndNamesThatOnlyLookHashedRevalidate() throws Exception {
        ViteFixture.write(dir.resolve("in"));
        AssetPipeline.builder()
                .input(dir.resolve("in"))
                .output(dir.resolve("out"))
                .build()
                .run();
        AssetManifest manifest = AssetManifest.load(dir.resolve("out"));
        try (JettyServer server = JettyServer.servlet(AssetServlet.of(manifest))) {
            for (String vite : new String[] {ViteFixture.JS, ViteFixture.CSS, ViteFixture.VENDOR, ViteFixture.LOGO}) {
                assertThat(cacheControl(server, "/" + vite)).as(vite).isEqualTo(YEAR);
            }
            assertThat(cacheControl(server, "/" + ViteFixture.HERO)).isEqualTo("no-cache");
            String heroFile = manifest.entry(ViteFixture.HERO).orElseThrow().file();
            assertThat(cacheControl(server, "/" + heroFile)).isEqualTo(YEAR);
        }
    }

    private static String cacheControl(JettyServer server, String path) throws Exception {
        HttpResponse<byte[]> r = server.client()
                .send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.headers().firstValue("Cache-Control").orElse("<absent>");
    }
}
