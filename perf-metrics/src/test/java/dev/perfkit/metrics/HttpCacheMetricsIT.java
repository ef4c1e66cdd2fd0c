package dev.perfkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.cache.http.CachePolicy;
import dev.perfkit.cache.http.CacheRoute;
import dev.perfkit.cache.http.HttpResponseCache;
import dev.perfkit.cache.http.ResourceVersion;
import dev.perfkit.cache.http.servlet.ResponseCacheFilter;
import dev.perfkit.testsupport.JettyServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/** HttpCacheMetrics over a real HTTP response cache in front of a servlet on Jetty, through a real client. */
class HttpCacheMetricsIT {
    private static final class Products extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (req.getRequestURI().startsWith("/private/")) {
                resp.setHeader("Cache-Control", "private");
            }
            resp.setContentType("application/json");
            resp.getWriter().write("{\"path\":\"" + req.getRequestURI() + "\",\"pad\":\"" + "x".repeat(500) + "\"}");
        }
    }

    @Test
    void hitsMissesNotModifiedAndRefusalsAreCountedWithBoundedTags() throws Exception {
        HttpResponseCache cache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/products/*")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .maxAge(Duration.ZERO)
                                .sMaxAge(Duration.ofMinutes(1))
                                .build())
                        .version(request -> ResourceVersion.of(7))
                        .build())
                .route(CacheRoute.builder("/private/*").fromResponse().build())
                .build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HttpCacheMetrics.of("api", cache).bindTo(registry);
        try (JettyServer jetty = JettyServer.servlets(context -> {
            context.addFilter(
                    new FilterHolder(new ResponseCacheFilter(cache)), "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(new Products()), "/*");
        })) {
            HttpResponse<String> first = get(jetty, "/products/1", null);
            assertThat(first.statusCode()).isEqualTo(200);
            for (int id = 1; id <= 30; id++) {
                get(jetty, "/products/" + id, null); // ids as paths: they must never become tag values
            }
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(get(jetty, "/products/1", etag).statusCode()).isEqualTo(304);
            get(jetty, "/private/1", null);
        }
        assertThat(count(registry, "perfkit.http.cache.requests", "result", "miss"))
                .isEqualTo(31); // 30 ids + private
        assertThat(count(registry, "perfkit.http.cache.requests", "result", "hit"))
                .isGreaterThanOrEqualTo(1);
        assertThat(count(registry, "perfkit.http.cache.requests", "result", "not_modified"))
                .isEqualTo(1);
        assertThat(registry.get("perfkit.http.cache.not.modified.bytes.saved")
                        .functionCounter()
                        .count())
                .isGreaterThan(500);
        assertThat(registry.get("perfkit.http.cache.stores").functionCounter().count())
                .isEqualTo(30);
        assertThat(count(registry, "perfkit.http.cache.stores.refused", "reason", "private"))
                .isEqualTo(1);
        assertThat(registry.get("perfkit.http.cache.size").gauge().value()).isEqualTo(30);
        // Bounded: the tags are the fixed sets, whatever the paths were.
        registry.getMeters()
                .forEach(m -> m.getId()
                        .getTags()
                        .forEach(t -> assertThat(t.getValue()).doesNotContain("/")));
        assertThat(registry.find("perfkit.http.cache.requests").meters()).hasSize(5);
    }

    @Test
    void aBlankNameIsRefused() {
        HttpResponseCache cache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/a")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .sMaxAge(Duration.ofSeconds(1))
                                .build())
                        .build())
                .build();
        assertThatThrownBy(() -> HttpCacheMetrics.of(" ", cache)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double count(SimpleMeterRegistry registry, String meter, String tag, String value) {
        return registry.get(meter).tag(tag, value).functionCounter().count();
    }

    private static HttpResponse<String> get(JettyServer jetty, String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(jetty.uri(path));
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return jetty.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
