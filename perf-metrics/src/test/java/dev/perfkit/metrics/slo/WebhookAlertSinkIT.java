package dev.perfkit.metrics.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.testsupport.JettyServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The webhook sink against a real HTTP endpoint on Jetty. */
class WebhookAlertSinkIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Alert ALERT = Alert.firing(
            Map.of("alertname", "SloErrorBudgetBurn", "slo", "checkout", "severity", "page"),
            Map.of("summary", "SLO checkout is burning its error budget"),
            Instant.parse("2026-01-01T00:00:00Z"));

    /** An endpoint that answers {@code failFirst} requests with 503, then 200, keeping the bodies. */
    static final class Receiver extends HttpServlet {
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final AtomicInteger requests = new AtomicInteger();
        final int failFirst;
        final CountDownLatch release;

        Receiver(int failFirst, CountDownLatch release) {
            this.failFirst = failFirst;
            this.release = release;
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int n = requests.incrementAndGet();
            if (n <= failFirst) {
                resp.setStatus(503);
                return;
            }
            bodies.add(new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            resp.setStatus(200);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 20 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void anAlertIsPostedInAlertmanagersWebhookFormat() throws Exception {
        Receiver receiver = new Receiver(0, new CountDownLatch(0));
        try (JettyServer server = JettyServer.servlet(receiver);
                WebhookAlertSink sink =
                        WebhookAlertSink.builder(server.uri("/hook")).build()) {
            sink.send(ALERT);
            sink.send(ALERT.resolved(Instant.parse("2026-01-01T01:00:00Z")));
            await(() -> sink.delivered() == 2);
            JsonNode firing = JSON.readTree(receiver.bodies.get(0));
            assertThat(firing.get("version").asText()).isEqualTo("4");
            assertThat(firing.get("status").asText()).isEqualTo("firing");
            assertThat(firing.get("receiver").asText()).isEqualTo("perfkit");
            assertThat(firing.get("commonLabels").get("slo").asText()).isEqualTo("checkout");
            JsonNode alert = firing.get("alerts").get(0);
            assertThat(alert.get("labels").get("severity").asText()).isEqualTo("page");
            assertThat(alert.get("annotations").get("summary").asText()).contains("burning");
            assertThat(alert.get("startsAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
            JsonNode resolved = JSON.readTree(receiver.bodies.get(1));
            assertThat(resolved.get("status").asText()).isEqualTo("resolved");
            assertThat(resolved.get("alerts").get(0).get("endsAt").asText()).isEqualTo("2026-01-01T01:00:00Z");
        }
    }

    @Test
    void aFailingEndpointIsRetriedWithABoundThenGivenUp() throws Exception {
        Receiver twoFailures = new Receiver(2, new CountDownLatch(0));
        try (JettyServer server = JettyServer.servlet(twoFailures);
                WebhookAlertSink sink = WebhookAlertSink.builder(server.uri("/hook"))
                        .retries(3, Duration.ofMillis(10))
                        .build()) {
            sink.send(ALERT);
            await(() -> sink.delivered() == 1);
            assertThat(twoFailures.requests).hasValue(3);
        }
        Receiver alwaysFailing = new Receiver(Integer.MAX_VALUE, new CountDownLatch(0));
        try (JettyServer server = JettyServer.servlet(alwaysFailing);
                WebhookAlertSink sink = WebhookAlertSink.builder(server.uri("/hook"))
                        .retries(4, Duration.ofMillis(10))
                        .build()) {
            sink.send(ALERT);
            await(() -> sink.failed() == 1);
            Thread.sleep(200);
            assertThat(alwaysFailing.requests)
                    .as("no more than maxAttempts posts")
                    .hasValue(4);
            assertThat(sink.delivered()).isZero();
        }
    }

    @Test
    @Timeout(30) // a send() that blocked on the hanging endpoint fails here instead of at the module default
    void aHangingEndpointNeverBlocksTheCallerAndAFullQueueDrops() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Receiver hanging = new Receiver(0, release);
        try (JettyServer server = JettyServer.servlet(hanging);
                WebhookAlertSink sink = WebhookAlertSink.builder(server.uri("/hook"))
                        .queueCapacity(2)
                        .timeout(Duration.ofSeconds(10))
                        .build()) {
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                sink.send(ALERT); // one in flight, two queued, the rest dropped
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            await(() -> hanging.requests.get() == 0 && sink.dropped() >= 97);
            release.countDown();
            await(() -> sink.delivered() == 100 - sink.dropped());
            assertThat(sink.dropped()).isBetween(97L, 98L);
        }
    }

    @Test
    void anUnreachableEndpointCountsAsFailedAfterItsAttempts() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        try (WebhookAlertSink sink = WebhookAlertSink.builder(URI.create("http://127.0.0.1:" + port + "/hook"))
                .retries(2, Duration.ofMillis(10))
                .timeout(Duration.ofSeconds(1))
                .build()) {
            sink.send(ALERT);
            await(() -> sink.failed() == 1);
        }
    }

    @Test
    void aNonHttpUriIsRefused() {
        assertThatThrownBy(() -> WebhookAlertSink.builder(URI.create("file:///etc/passwd")))
                .hasMessage("webhook uri must be an absolute http or https URI, but was file:///etc/passwd");
    }
}
