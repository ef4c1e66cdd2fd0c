package dev.perfkit.metrics.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SloSnippetsTest {
    private final SloSnippets snippets = new SloSnippets();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void everyRegionRuns(@TempDir Path dir) throws Exception {
        List<Slo> slos = snippets.basic(registry);
        assertThat(slos).hasSize(2);
        try (BurnRateMonitor monitor = snippets.monitor(registry, slos)) {
            assertThat(monitor.firing()).isEmpty();
        }
        try (WebhookAlertSink sink = snippets.webhook()) {
            assertThat(sink.dropped()).isZero();
        }
        assertThat(snippets.detector(registry).firing()).isNull();
        snippets.rules(slos, dir);
        snippets.dashboard(slos, dir);
        assertThat(Files.readString(dir.resolve("perfkit-slo.rules.yaml"))).contains("SloErrorBudgetBurn");
        assertThat(Files.readString(dir.resolve("perfkit-dashboard.json"))).contains("\"schemaVersion\" : 39");
    }
}
