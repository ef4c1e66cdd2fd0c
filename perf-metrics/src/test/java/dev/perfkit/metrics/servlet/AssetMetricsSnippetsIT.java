package dev.perfkit.metrics.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.assets.AssetPipeline;
import dev.perfkit.testsupport.JettyServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetMetricsSnippetsIT {
    @Test
    void theRegionServesAndCounts(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.css"), "body { color: red }\n".repeat(100));
        AssetPipeline.builder().input(in).output(dir.resolve("out")).build().run();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (JettyServer server =
                JettyServer.servlets(ctx -> new AssetMetricsSnippets().basic(ctx, registry, dir.resolve("out")))) {
            HttpResponse<Void> r = server.client()
                    .send(
                            HttpRequest.newBuilder(server.uri("/assets/missing.css"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            assertThat(r.statusCode()).isEqualTo(404);
            // the filter counts after the chain returns, which can be after the client has the whole response
            AssetMetricsFilterIT.await(() -> registry.get("perfkit.assets.responses")
                            .tags("status", "other", "coding", "identity")
                            .counter()
                            .count()
                    == 1);
        }
    }
}
