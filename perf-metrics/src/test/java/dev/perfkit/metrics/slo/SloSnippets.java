package dev.perfkit.metrics.slo;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The usage examples of the SLO API's Javadoc and README, run by {@link SloSnippetsTest}. */
class SloSnippets {
    List<Slo> basic(MeterRegistry registry) {
        // @start region="basic"
        Slo fast = Slo.latency("checkout-latency")
                .meter("http.server.requests")
                .tag("uri", "/checkout")
                .threshold(Duration.ofMillis(300)) // 99.9% of checkouts under 300 ms
                .objective(0.999)
                .build(); // over 30 days unless period(...) says otherwise
        Slo up = Slo.availability("checkout-availability")
                .meter("http.server.requests")
                .tag("uri", "/checkout")
                .errors("status", "5..")
                .objective(0.999)
                .build();
        registry.config().meterFilter(SloMeterFilter.of(List.of(fast, up))); // a bucket at 300 ms, before any timer
        // @end
        return List.of(fast, up);
    }

    BurnRateMonitor monitor(MeterRegistry registry, List<Slo> slos) {
        // @start region="monitor"
        BurnRateMonitor monitor = BurnRateMonitor.builder(registry)
                .slos(slos)
                .sink(AlertSink.logging()) // or a WebhookAlertSink
                .build()
                .start(Duration.ofSeconds(30));
        // @end
        return monitor;
    }

    WebhookAlertSink webhook() {
        // @start region="webhook"
        WebhookAlertSink sink = WebhookAlertSink.builder(URI.create("http://127.0.0.1:9093/hook"))
                .timeout(Duration.ofSeconds(2))
                .retries(5, Duration.ofMillis(500)) // then the alert is counted as failed()
                .queueCapacity(1000) // beyond that, dropped(): send() never blocks
                .build();
        // @end
        return sink;
    }

    LatencyRegressionDetector detector(MeterRegistry registry) {
        // @start region="detector"
        LatencyRegressionDetector detector = LatencyRegressionDetector.builder(registry, "perfkit.db.statements")
                .tolerance(0.5) // 50% above the learnt baseline
                .consecutive(3) // in 3 intervals in a row
                .build();
        // pass it to BurnRateMonitor.builder(registry).detector(detector), or call evaluate(Instant) yourself
        // @end
        return detector;
    }

    void rules(List<Slo> slos, Path dir) throws IOException {
        // @start region="rules"
        Files.writeString(dir.resolve("perfkit-slo.rules.yaml"), PrometheusRules.generate(slos));
        // or from a file: PrometheusRules.generate(SloDefinitions.load(Path.of("slo.yaml")))
        // @end
    }

    void dashboard(List<Slo> slos, Path dir) throws IOException {
        // @start region="dashboard"
        Files.writeString(dir.resolve("perfkit-dashboard.json"), GrafanaDashboard.generate("Checkout", slos));
        // @end
    }
}
