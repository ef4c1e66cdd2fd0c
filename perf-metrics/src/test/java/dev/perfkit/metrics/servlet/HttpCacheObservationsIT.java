package dev.perfkit.metrics.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.cache.http.HttpCacheListener;
import dev.perfkit.testsupport.JettyServer;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/** Observations of a real HTTP response cache's decisions on Jetty, through a real client. */
class HttpCacheObservationsIT {
    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    private final ObservationRegistry registry = ObservationRegistry.create();

    HttpCacheObservationsIT() {
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
    }

    private static final class Products extends HttpServlet {
        private static final long serialVersionUID = 1L;
        final AtomicInteger renders = new AtomicInteger();

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            renders.incrementAndGet();
            if (req.getRequestURI().startsWith("/products/secret")) {
                resp.setHeader("Set-Cookie", "session=abc");
            }
            resp.setContentType("application/json");
            resp.getWriter().write("{\"path\":\"" + req.getRequestURI() + "\",\"pad\":\"" + "x".repeat(200) + "\"}");
        }
    }

    @Test
    void eachRequestIsOneObservationWithTheDecisionAndNoPath() throws Exception {
        Products products = new Products();
        try (JettyServer jetty = JettyServer.servlets(context -> {
            new HttpCacheObservationSnippets().basic(context, registry);
            context.addServlet(new ServletHolder(products), "/*");
        })) {
            HttpResponse<String> first = get(jetty, "/products/41", null);
            get(jetty, "/products/41", null);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(get(jetty, "/products/41", etag).statusCode()).isEqualTo(304);
            get(jetty, "/products/secret-42", null);
            get(jetty, "/orders/43", null);
        }
        assertThat(stopped).hasSize(5).allMatch(c -> c.getName().equals(HttpCacheObservations.NAME));
        assertThat(low(stopped.get(0)))
                .containsEntry("outcome", "miss")
                .containsEntry("route", "/products/*")
                .containsEntry("refused", "none")
                .containsEntry("method", "GET")
                .containsEntry("cache", "api");
        assertThat(low(stopped.get(1))).containsEntry("outcome", "hit").containsEntry("not_modified", "false");
        assertThat(low(stopped.get(2))).containsEntry("outcome", "not_modified").containsEntry("not_modified", "true");
        assertThat(low(stopped.get(3))).containsEntry("outcome", "miss").containsEntry("refused", "set_cookie");
        assertThat(low(stopped.get(4))).containsEntry("outcome", "bypass").containsEntry("route", "none");
        assertThat(stopped)
                .allMatch(c -> c.getAllKeyValues().stream()
                        .noneMatch(kv ->
                                kv.getValue().contains("4") || kv.getValue().contains("secret")));
        assertThat(products.renders.get()).isEqualTo(3); // miss, the refused one, the bypass
    }

    @Test
    void callbacksReachTheApplicationsOwnListenerToo() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpCacheObservations observed = HttpCacheObservations.of(registry, "api", new HttpCacheListener() {
            @Override
            public void hit(String route, String path) {
                hits.incrementAndGet();
            }
        });
        observed.listener().hit("/products/*", "/products/1");
        assertThat(hits.get()).isEqualTo(1);
        assertThat(stopped).isEmpty(); // outside a wrapped request a callback records nothing
    }

    @Test
    void aBlankOrLongNameIsRefusedNamingTheInput() {
        assertThatThrownBy(() -> HttpCacheObservations.of(registry, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cache name must be 1 to 100");
        assertThatThrownBy(() -> HttpCacheObservations.of(registry, "n".repeat(101)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, String> low(Observation.Context c) {
        return c.getLowCardinalityKeyValues().stream().collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
    }

    private static HttpResponse<String> get(JettyServer jetty, String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(jetty.uri(path));
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return jetty.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
