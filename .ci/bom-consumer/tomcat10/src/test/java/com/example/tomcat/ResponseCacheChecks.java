package com.example.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perfkit.cache.http.CachePolicy;
import dev.perfkit.cache.http.CacheRoute;
import dev.perfkit.cache.http.HttpResponseCache;
import dev.perfkit.cache.http.servlet.ResponseTags;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The same response-cache checks in both consumer projects: a stored GET, a 304, HEAD from the stored GET. */
final class ResponseCacheChecks {
    static final AtomicInteger RENDERS = new AtomicInteger();

    static HttpResponseCache cache() {
        return HttpResponseCache.builder()
                .route(CacheRoute.builder("/api/products/*")
                        .policy(CachePolicy.builder().publicResponse().maxAge(Duration.ofSeconds(60)).build())
                        .build())
                .build();
    }

    static final class ProductServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            RENDERS.incrementAndGet();
            ResponseTags.add(req, "product:42");
            res.setContentType("application/json");
            res.getWriter().write("{\"id\":42,\"name\":\"kettle\"}");
        }
    }

    static void run(URI uri) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> first = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, first.statusCode());
        assertEquals("{\"id\":42,\"name\":\"kettle\"}", first.body());
        assertEquals("public, max-age=60", first.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(first.headers().firstValue("Surrogate-Key").orElse("").startsWith("product:42 "));
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> second = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(first.body(), second.body());
        assertTrue(second.headers().firstValue("Age").isPresent(), "served from the cache with an Age");
        assertEquals(1, RENDERS.get(), "the handler ran once");

        HttpResponse<String> notModified = client.send(HttpRequest.newBuilder(uri).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(304, notModified.statusCode());
        assertEquals("", notModified.body());
        assertEquals(etag, notModified.headers().firstValue("ETag").orElse(null));

        HttpResponse<String> head = client.send(HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(String.valueOf(first.body().length()), head.headers().firstValue("Content-Length").orElse(null));
        assertEquals(1, RENDERS.get(), "HEAD is answered from the stored GET");
        System.out.println("response cache check passed: stored GET, 304, HEAD at " + uri);
    }
}
