package dev.perfkit.cache.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.cache.http.servlet.ResponseTags;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * perfkit's headers behind a real Varnish (started by the test on loopback with a VCL it writes): hits, conditional
 * revalidation answered 304 by the origin, private and Set-Cookie never stored, stale-while-revalidate, and purges by
 * tag with xkey and with BAN.
 */
class VarnishIT {
    private TestApp app;
    private VarnishProcess varnish;
    private HttpResponseCache cache;
    private final HttpClient client = TestApp.newClient();
    private final AtomicInteger version = new AtomicInteger(1);

    private void start(boolean banSink, CacheRoute... routes) throws Exception {
        // Varnish's port is needed by the purge sink before the app starts, so the sink reads it late
        VarnishProcess[] v = new VarnishProcess[1];
        PurgeSink late = tags ->
                (banSink ? VarnishPurgeSink.ban(v[0].uri("/")) : VarnishPurgeSink.xkey(v[0].uri("/"))).purge(tags);
        HttpResponseCache.Builder b = HttpResponseCache.builder().purgeSink(late);
        for (CacheRoute r : routes) {
            b.route(r);
        }
        cache = b.build();
        app = new TestApp(cache);
        varnish = VarnishProcess.start(app.port());
        v[0] = varnish;
    }

    @AfterEach
    void stop() throws Exception {
        if (varnish != null) {
            varnish.close();
        }
        if (app != null) {
            app.close();
        }
    }

    private HttpResponse<String> viaVarnish(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(varnish.uri(path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return viaVarnish("GET", path);
    }

    private void productHandler() {
        app.handlers.put("*", (req, res) -> {
            String id = req.getRequestURI().substring(req.getRequestURI().lastIndexOf('/') + 1);
            ResponseTags.add(req, "product:" + id);
            res.setContentType("application/json");
            res.getWriter().write("{\"id\":" + id + ",\"render\":" + app.renders(req.getRequestURI()) + "}");
        });
    }

    @Test
    void repeatIsAHitInVarnish() throws Exception {
        start(
                false,
                CacheRoute.builder("/products/*")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .maxAge(Duration.ofSeconds(60))
                                .build())
                        .build());
        productHandler();
        assertThat(get("/products/1").headers().firstValue("X-Cache")).hasValue("MISS");
        HttpResponse<String> second = get("/products/1");
        assertThat(second.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(second.body()).isEqualTo("{\"id\":1,\"render\":1}");
        assertThat(app.renders("/products/1")).isEqualTo(1);
    }

    @Test
    void varnishRevalidatesWithAConditionalRequestAndGets304FromTheOrigin() throws Exception {
        start(
                false,
                CacheRoute.builder("/products/*")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .maxAge(Duration.ofSeconds(1))
                                .build())
                        .version(request -> ResourceVersion.of(version.get()))
                        .build());
        productHandler();
        HttpResponse<String> first = get("/products/7");
        assertThat(first.headers().firstValue("ETag")).hasValue("\"v1\"");
        Thread.sleep(2100); // past max-age in Varnish; within its keep, so it revalidates with If-None-Match
        HttpResponse<String> second = get("/products/7");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(cache.stats().notModifiedCount()).isEqualTo(1); // the origin's deep 304
        assertThat(app.renders("/products/7")).isEqualTo(1); // nothing rendered for it
    }

    @Test
    void varnishNeverStoresAPrivateOrSetCookieResponse() throws Exception {
        start(false, CacheRoute.builder("/**").fromResponse().build());
        app.handlers.put("/private", (req, res) -> {
            res.setHeader("Cache-Control", "private, max-age=60");
            res.getWriter().write("mine " + app.renders("/private"));
        });
        app.handlers.put("/cookie", (req, res) -> {
            res.setHeader("Cache-Control", "public, max-age=60");
            res.addCookie(new jakarta.servlet.http.Cookie("session", "s" + app.renders("/cookie")));
            res.getWriter().write("with cookie " + app.renders("/cookie"));
        });
        get("/private");
        assertThat(get("/private").body()).isEqualTo("mine 2");
        get("/cookie");
        HttpResponse<String> second = get("/cookie");
        assertThat(second.body()).isEqualTo("with cookie 2");
        assertThat(second.headers().firstValue("Set-Cookie")).hasValue("session=s2");
    }

    @Test
    void varnishServesStaleWithinStaleWhileRevalidate() throws Exception {
        start(
                false,
                CacheRoute.builder("/products/*")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .maxAge(Duration.ofSeconds(1))
                                .staleWhileRevalidate(Duration.ofSeconds(30))
                                .build())
                        .build());
        productHandler();
        get("/products/3");
        Thread.sleep(2100);
        HttpResponse<String> stale = get("/products/3");
        assertThat(stale.body()).isEqualTo("{\"id\":3,\"render\":1}");
        assertThat(stale.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(Integer.parseInt(stale.headers().firstValue("Age").orElse("0")))
                .isGreaterThanOrEqualTo(2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!get("/products/3").body().contains("\"render\":2")) {
            assertThat(System.nanoTime()).as("Varnish never revalidated").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void purgeByTagWithXkeyRemovesTheResponseFromVarnish() throws Exception {
        start(
                false,
                CacheRoute.builder("/products/*")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .maxAge(Duration.ofSeconds(600))
                                .build())
                        .build());
        productHandler();
        get("/products/42");
        get("/products/43");
        assertThat(get("/products/42").headers().firstValue("X-Cache")).hasValue("HIT");
        cache.invalidateTag("product:42");
        HttpResponse<String> after = get("/products/42");
        assertThat(after.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(after.body()).isEqualTo("{\"id\":42,\"render\":2}");
        assertThat(get("/products/43").headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(cache.stats().purgeFailureCount()).isZero();
    }

    @Test
    void purgeByTagWithBanRemovesTheResponseFromVarnish() throws Exception {
        start(
                true,
                CacheRoute.builder("/products/*")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .maxAge(Duration.ofSeconds(600))
                                .build())
                        .build());
        productHandler();
        get("/products/5");
        assertThat(get("/products/5").headers().firstValue("X-Cache")).hasValue("HIT");
        cache.invalidateTag("product:5");
        assertThat(get("/products/5").body()).isEqualTo("{\"id\":5,\"render\":2}");
        assertThat(cache.stats().purgeFailureCount()).isZero();
    }

    @Test
    void unsafeMethodThroughVarnishPurgesThePathFromVarnishToo() throws Exception {
        start(
                false,
                CacheRoute.builder("/products/*")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .maxAge(Duration.ofSeconds(600))
                                .build())
                        .build());
        app.handlers.put("*", (req, res) -> {
            if (req.getMethod().equals("PUT")) {
                version.incrementAndGet();
                res.setStatus(204);
                return;
            }
            res.getWriter().write("version " + version.get());
        });
        get("/products/9");
        assertThat(get("/products/9").headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(viaVarnish("PUT", "/products/9").statusCode()).isEqualTo(204);
        assertThat(get("/products/9").body()).isEqualTo("version 2");
    }
}
