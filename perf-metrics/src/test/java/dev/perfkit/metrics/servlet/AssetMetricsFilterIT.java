package dev.perfkit.metrics.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.AssetPipeline;
import dev.perfkit.assets.servlet.AssetServlet;
import dev.perfkit.testsupport.JettyServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Responses of the real asset servlet on Jetty, through a real HTTP client, counted by coding and status. */
class AssetMetricsFilterIT {
    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double responses(String coding, String status) {
        return registry.get("perfkit.assets.responses")
                .tags("coding", coding, "status", status)
                .counter()
                .count();
    }

    @Test
    void codings304sAnd206sAreCountedWithTheirBytes() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("app.js"), "function render(props) { return props.value; }\n".repeat(400));
        Path out = dir.resolve("out");
        AssetPipeline.builder().input(in).output(out).build().run();
        AssetManifest manifest = AssetManifest.load(out);
        String path = "/" + manifest.entry("app.js").orElseThrow().file();
        try (JettyServer server = JettyServer.servlets(ctx -> {
            ctx.addFilter(
                    new FilterHolder(AssetMetricsFilter.create(registry)), "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(AssetServlet.of(manifest)), "/*");
        })) {
            HttpResponse<byte[]> br = get(server, path, "Accept-Encoding", "br");
            HttpResponse<byte[]> gzip = get(server, path, "Accept-Encoding", "gzip");
            HttpResponse<byte[]> identity = get(server, path, "Accept-Encoding", "identity");
            String etag = gzip.headers().firstValue("ETag").orElseThrow();
            HttpResponse<byte[]> notModified = get(server, path, "Accept-Encoding", "gzip", "If-None-Match", etag);
            HttpResponse<byte[]> partial = get(server, path, "Accept-Encoding", "identity", "Range", "bytes=0-99");
            get(server, "/users/42/nothing-here.js", "Accept-Encoding", "gzip");

            // the filter counts after the chain returns, which can be after the client has the whole response
            await(() -> registry.get("perfkit.assets.responses").counters().stream()
                            .mapToDouble(io.micrometer.core.instrument.Counter::count)
                            .sum()
                    == 6);
            assertThat(notModified.statusCode()).isEqualTo(304);
            assertThat(partial.statusCode()).isEqualTo(206);
            assertThat(responses("br", "200")).isEqualTo(1);
            assertThat(responses("gzip", "200")).isEqualTo(1);
            assertThat(responses("identity", "200")).isEqualTo(1);
            assertThat(responses("identity", "304"))
                    .as("a 304 sends no body, so no coding")
                    .isEqualTo(1);
            assertThat(responses("identity", "206")).isEqualTo(1);
            assertThat(responses("identity", "other")).isEqualTo(1); // the 404, whose path is no tag
            assertThat(registry.get("perfkit.assets.bytes")
                            .tag("coding", "br")
                            .counter()
                            .count())
                    .isEqualTo(br.body().length);
            assertThat(registry.get("perfkit.assets.bytes")
                            .tag("coding", "identity")
                            .counter()
                            .count())
                    .isEqualTo(identity.body().length + 100);
            assertThat(registry.get("perfkit.assets.bytes")
                            .tag("coding", "gzip")
                            .counter()
                            .count())
                    .as("a 304 saves its bytes; none are counted")
                    .isEqualTo(gzip.body().length);
            assertThat(registry.getMeters())
                    .allMatch(m -> m.getId().getTags().stream()
                            .noneMatch(t -> t.getValue().contains("/")));
        }
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("counted within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static HttpResponse<byte[]> get(JettyServer server, String path, String... headers) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(server.uri(path)).headers(headers).GET().build();
        HttpResponse<byte[]> r = server.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(new String(r.body(), 0, Math.min(0, r.body().length), StandardCharsets.UTF_8))
                .isEmpty();
        return r;
    }
}
