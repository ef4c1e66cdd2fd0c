package dev.perfkit.assets.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.perfkit.assets.AssetEntry;
import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.AssetPipeline;
import dev.perfkit.assets.TestAssets;
import dev.perfkit.testsupport.JettyServer;
import jakarta.servlet.ServletOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build runs the servlet ITs twice: on Servlet 6.0 (what Jetty 12 ee10 and Tomcat 10.1 bring, no
 * {@code write(ByteBuffer)}) and on 6.1. Every body, small (heap) and large (memory-mapped), arrives whole on both.
 */
class ServletApiLevelsIT {
    @TempDir
    Path dir;

    @Test
    void theServletApiOnTheClassPathIsTheOneThisRunIsFor() {
        String expected = System.getProperty("perfkit.servlet.api");
        assumeTrue(expected != null, "run by failsafe, which names the servlet API level of the run");
        String jar = ServletOutputStream.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toString();
        assertThat(jar).contains("jakarta.servlet-api-" + expected + ".jar");
        assertThat(BodyWriter.servlet61()).isEqualTo(!expected.startsWith("6.0"));
    }

    @Test
    void smallAndMemoryMappedBodiesArriveWholeWithGetAndRange() throws Exception {
        Path in = dir.resolve("in");
        byte[] small = TestAssets.random(11, 3_000);
        byte[] large = TestAssets.random(12, AssetIndex.COPY_LIMIT + 300_000); // above the copy limit: mapped
        TestAssets.write(in, "small.png", small);
        TestAssets.write(in, "large.png", large);
        AssetPipeline.builder().input(in).output(dir.resolve("out")).build().run();
        AssetManifest manifest = AssetManifest.load(dir.resolve("out"));
        try (JettyServer server = JettyServer.servlet(AssetServlet.of(manifest))) {
            for (String logical : new String[] {"small.png", "large.png"}) {
                AssetEntry e = manifest.entry(logical).orElseThrow();
                byte[] expected = logical.equals("small.png") ? small : large;
                HttpResponse<byte[]> whole = server.client()
                        .send(
                                HttpRequest.newBuilder(server.uri("/" + e.file()))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                assertThat(whole.statusCode()).as(logical).isEqualTo(200);
                assertThat(whole.body()).as(logical).isEqualTo(expected);
                int first = expected.length / 3;
                int last = expected.length - 7;
                HttpResponse<byte[]> part = server.client()
                        .send(
                                HttpRequest.newBuilder(server.uri("/" + e.file()))
                                        .header("Range", "bytes=" + first + "-" + last)
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                assertThat(part.statusCode()).as(logical).isEqualTo(206);
                assertThat(part.body()).as(logical).isEqualTo(Arrays.copyOfRange(expected, first, last + 1));
            }
        }
    }
}
