package dev.perfkit.metrics.slo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.PerfCache;
import dev.perfkit.metrics.CacheMetrics;
import dev.perfkit.testsupport.JettyServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a real Prometheus: it scrapes a Jetty application that exposes perfkit's meters through
 * micrometer-registry-prometheus every second and evaluates the generated rules. With a 12-hour SLO the page
 * pairs are 1m/5s and 6m/30s: a clean load raises no alert, injected errors make the page alert pending or firing
 * in {@code /api/v1/alerts}.
 */
class PrometheusEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean failing = new AtomicBoolean();

    static final Slo AVAILABILITY = Slo.availability("checkout")
            .meter("http.server.requests")
            .tag("uri", "/checkout")
            .errors("status", "5..")
            .objective(0.99)
            .period(Duration.ofHours(12))
            .build();
    static final Slo LATENCY = Slo.latency("checkout-fast")
            .meter("http.server.requests")
            .tag("uri", "/checkout")
            .threshold(Duration.ofMillis(100))
            .objective(0.99)
            .period(Duration.ofHours(12))
            .build();

    @Test
    @Timeout(240)
    void injectedErrorsPageInPrometheusAndACleanLoadDoesNot() throws Exception {
        List<Slo> slos = List.of(AVAILABILITY, LATENCY);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(SloMeterFilter.of(slos));
        CacheAside<Integer, String> cache =
                PerfCache.<Integer, String>builder().recordStats().build();
        CacheMetrics.of("products", cache).bindTo(registry);
        Timer ok = Timer.builder("http.server.requests")
                .tags("uri", "/checkout", "status", "200")
                .register(registry);
        Timer error = Timer.builder("http.server.requests")
                .tags("uri", "/checkout", "status", "500")
                .register(registry);

        try (JettyServer app = JettyServer.servlets(ctx -> {
            ctx.addServlet(
                    new ServletHolder(new HttpServlet() {
                        @Override
                        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                            resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
                            resp.getWriter().write(registry.scrape());
                        }
                    }),
                    "/metrics");
            ctx.addServlet(
                    new ServletHolder(new HttpServlet() {
                        @Override
                        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                            long start = System.nanoTime();
                            cache.get(
                                    req.getQueryString() == null
                                            ? 0
                                            : req.getQueryString().length() % 10,
                                    k -> "p" + k);
                            boolean fail = failing.get();
                            resp.setStatus(fail ? 500 : 200);
                            (fail ? error : ok).record(Duration.ofNanos(System.nanoTime() - start));
                        }
                    }),
                    "/checkout");
        })) {
            Files.writeString(dir.resolve("rules.yaml"), PrometheusRules.generate(slos));
            int port = freePort();
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    rule_files: [rules.yaml]
                    scrape_configs:
                      - job_name: app
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(app.port()));
            Process prometheus = new ProcessBuilder(
                            PromBinaries.find("prometheus").toString(),
                            "--config.file=" + dir.resolve("prometheus.yml"),
                            "--storage.tsdb.path=" + dir.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("prometheus.log").toFile())
                    .start();
            URI base = URI.create("http://127.0.0.1:" + port);
            try (Load load = new Load(app.uri("/checkout"))) {
                awaitReady(base);
                // A clean load: 20 s, more than the 5 s short window and a third of the 1 m long one
                long cleanUntil = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < cleanUntil) {
                    assertThat(pageAlerts(base)).as("no alert on a clean load").isEmpty();
                    Thread.sleep(1000);
                }
                // the SLIs are computed from the real exposition: recorded, and zero
                assertThat(query(base, "perfkit_slo:error_ratio:rate1m{slo=\"checkout\"}"))
                        .isEqualTo(0.0);
                assertThat(query(base, "perfkit_slo:error_ratio:rate1m{slo=\"checkout-fast\"}"))
                        .as("the le label of the threshold bucket matches what the registry writes")
                        .isEqualTo(0.0);
                assertThat(query(base, "sum(perfkit_cache_gets_total{cache=\"products\"})"))
                        .isPositive();
                everyDashboardQueryParses(base, slos);

                failing.set(true);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                List<JsonNode> alerts = List.of();
                while (alerts.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(1000);
                    alerts = pageAlerts(base);
                }
                assertThat(alerts)
                        .as("the page alert within 60 s of injected errors")
                        .isNotEmpty();
                assertThat(alerts.get(0).get("state").asText()).isIn("pending", "firing");
                assertThat(alerts.get(0).get("labels").get("slo").asText()).isEqualTo("checkout");
            } finally {
                prometheus.destroy();
                prometheus.waitFor();
            }
        } finally {
            cache.close();
        }
    }

    private void everyDashboardQueryParses(URI base, List<Slo> slos) throws Exception {
        JsonNode dashboard = JSON.readTree(GrafanaDashboard.generate("perfkit", slos));
        int queried = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.get("expr").asText().replace("$__rate_interval", "1m");
                JsonNode r = get(base, "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
                assertThat(r.get("status").asText()).as(expr).isEqualTo("success");
                queried++;
            }
        }
        assertThat(queried).isGreaterThan(20);
    }

    private List<JsonNode> pageAlerts(URI base) throws Exception {
        List<JsonNode> page = new ArrayList<>();
        for (JsonNode a : get(base, "/api/v1/alerts").get("data").get("alerts")) {
            if (a.get("labels").get("severity").asText().equals("page")) {
                page.add(a);
            }
        }
        return page;
    }

    private double query(URI base, String promql) throws Exception {
        JsonNode result = get(base, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .get("data")
                .get("result");
        assertThat(result).as(promql).hasSize(1);
        return Double.parseDouble(result.get(0).get("value").get(1).asText());
    }

    private JsonNode get(URI base, String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private void awaitReady(URI base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            assertThat(System.nanoTime())
                    .as("prometheus ready within 30 s; log: " + Files.readString(dir.resolve("prometheus.log")))
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
        // wait for the first scrape, so the rules have series
        while (query(base, "count(up{job=\"app\"} == 1) or vector(0)") < 1) {
            assertThat(System.nanoTime()).as("first scrape within 30 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** About 50 requests a second to the app, from one thread, until closed (at most four minutes). */
    private final class Load implements AutoCloseable {
        private final Thread thread;
        private volatile boolean stop;

        Load(URI uri) {
            thread = new Thread(
                    () -> {
                        long end = System.nanoTime() + Duration.ofMinutes(4).toNanos();
                        int i = 0;
                        while (!stop && System.nanoTime() < end) {
                            try {
                                http.send(
                                        HttpRequest.newBuilder(URI.create(uri + "?" + "x".repeat(i++ % 10)))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding());
                                Thread.sleep(20);
                            } catch (IOException e) {
                                // the app is stopping
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "load");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.interrupt();
            thread.join(5000);
        }
    }
}
