package dev.perfkit.cache.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.cache.http.servlet.ResponseTags;
import jakarta.servlet.http.Cookie;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the response cache through a real embedded Jetty and a real HTTP client, one test per rule, named as
 * the rule.
 */
class ResponseCacheIT {
    /** Threads of this test's own, never the common pool: a blocked task there starves every later test. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "test-async");
        t.setDaemon(true);
        return t;
    });

    private final MutableClock clock = new MutableClock();
    private TestApp app;
    private HttpResponseCache cache;

    private TestApp start(HttpResponseCache.Builder builder) {
        cache = builder.clock(clock).build();
        app = new TestApp(cache);
        return app;
    }

    private TestApp start(CacheRoute... routes) {
        HttpResponseCache.Builder b = HttpResponseCache.builder();
        for (CacheRoute r : routes) {
            b.route(r);
        }
        return start(b);
    }

    private static CacheRoute policy(String pattern, CachePolicy policy) {
        return CacheRoute.builder(pattern).policy(policy).build();
    }

    private static CachePolicy maxAge(int seconds) {
        return CachePolicy.builder()
                .publicResponse()
                .maxAge(Duration.ofSeconds(seconds))
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    // --- basics

    @Test
    void repeatedGetIsServedFromTheCacheWithAge() throws Exception {
        start(policy("/products/*", maxAge(60)));
        app.json("/products/1", "{\"id\":1}");
        HttpResponse<String> first = app.get("/products/1");
        clock.advance(Duration.ofSeconds(7));
        HttpResponse<String> second = app.get("/products/1");
        assertThat(second.body()).isEqualTo("{\"id\":1}").isEqualTo(first.body());
        assertThat(app.renders("/products/1")).isEqualTo(1);
        assertThat(second.headers().firstValue("Age")).hasValue("7");
        assertThat(second.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        assertThat(cache.stats().hitCount()).isEqualTo(1);
        assertThat(cache.stats().missCount()).isEqualTo(1);
    }

    @Test
    void unmatchedRoutePassesThroughUntouched() throws Exception {
        start(policy("/products/*", maxAge(60)));
        app.json("/other", "x");
        app.get("/other");
        HttpResponse<String> r = app.get("/other");
        assertThat(app.renders("/other")).isEqualTo(2);
        assertThat(r.headers().firstValue("Cache-Control")).isEmpty();
        assertThat(r.headers().firstValue("ETag")).isEmpty();
        assertThat(r.headers().firstValue("Surrogate-Key")).isEmpty();
    }

    @Test
    void freshResponseExpiresAfterMaxAge() throws Exception {
        start(policy("/p", maxAge(10)));
        app.json("/p", "x");
        app.get("/p");
        clock.advance(Duration.ofSeconds(11));
        app.get("/p");
        assertThat(app.renders("/p")).isEqualTo(2);
    }

    @Test
    void policyBuilderSetsCacheControlAndVary() throws Exception {
        start(policy(
                "/p",
                CachePolicy.builder()
                        .publicResponse()
                        .maxAge(Duration.ofSeconds(60))
                        .sMaxAge(Duration.ofSeconds(300))
                        .staleWhileRevalidate(Duration.ofSeconds(30))
                        .staleIfError(Duration.ofSeconds(600))
                        .mustRevalidate()
                        .proxyRevalidate()
                        .immutable()
                        .vary("Accept")
                        .build()));
        app.json("/p", "x");
        HttpResponse<String> r = app.get("/p");
        assertThat(r.headers().firstValue("Cache-Control"))
                .hasValue("public, max-age=60, s-maxage=300, must-revalidate, proxy-revalidate,"
                        + " stale-while-revalidate=30, stale-if-error=600, immutable");
        assertThat(r.headers().firstValue("Vary")).hasValue("Accept");
    }

    @Test
    void handlersOwnCacheControlWinsOverThePolicy() throws Exception {
        start(policy("/p", maxAge(60)));
        app.json("/p", "x", "Cache-Control", "private, max-age=5");
        HttpResponse<String> r = app.get("/p");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("private, max-age=5");
    }

    // --- from the response (RFC 9111 freshness)

    @Test
    void sMaxAgeWinsOverMaxAgeForTheSharedCache() throws Exception {
        start(CacheRoute.builder("/p").fromResponse().build());
        app.json("/p", "x", "Cache-Control", "max-age=1, s-maxage=100");
        app.get("/p");
        clock.advance(Duration.ofSeconds(50));
        app.get("/p");
        assertThat(app.renders("/p")).isEqualTo(1);
    }

    @Test
    void expiresGivesTheFreshnessWithoutMaxAge() throws Exception {
        start(CacheRoute.builder("/p").fromResponse().build());
        app.handlers.put("/p", (req, res) -> {
            res.setHeader(
                    "Expires",
                    dev.perfkit.cache.http.internal.HttpDates.format(
                            clock.instant().plusSeconds(30)));
            res.getWriter().write("x");
        });
        app.get("/p");
        clock.advance(Duration.ofSeconds(20));
        app.get("/p");
        assertThat(app.renders("/p")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(20));
        app.get("/p");
        assertThat(app.renders("/p")).isEqualTo(2);
    }

    @Test
    void heuristicFreshnessOnlyWithLastModified() throws Exception {
        start(CacheRoute.builder("/**").fromResponse().build());
        app.handlers.put("/lm", (req, res) -> {
            res.setHeader(
                    "Last-Modified",
                    dev.perfkit.cache.http.internal.HttpDates.format(
                            clock.instant().minus(Duration.ofHours(10))));
            res.getWriter().write("x");
        });
        app.json("/none", "x");
        app.get("/lm");
        app.get("/none");
        clock.advance(Duration.ofMinutes(30)); // a tenth of 10 hours is one hour
        app.get("/lm");
        app.get("/none");
        assertThat(app.renders("/lm")).isEqualTo(1);
        assertThat(app.renders("/none")).isEqualTo(2);
    }

    @Test
    void fromResponseWorksInFrontOfAProxyingServlet() throws Exception {
        // the upstream: a second Jetty without the cache, reached through java.net.http by a proxying servlet
        try (TestApp upstream = new TestApp(HttpResponseCache.builder()
                .route(CacheRoute.builder("/never").build())
                .build())) {
            upstream.json("/item", "{\"up\":1}", "Cache-Control", "public, max-age=60", "ETag", "\"u1\"");
            start(CacheRoute.builder("/proxy/**").fromResponse().build());
            java.net.http.HttpClient proxyClient = TestApp.newClient();
            app.handlers.put("*", (req, res) -> {
                String target = req.getRequestURI().substring("/proxy".length());
                HttpResponse<byte[]> up = proxyClient.send(
                        java.net.http.HttpRequest.newBuilder(upstream.uri(target))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                res.setStatus(up.statusCode());
                up.headers().map().forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("date")) {
                        values.forEach(v -> res.addHeader(name, v));
                    }
                });
                res.getOutputStream().write(up.body());
            });
            app.get("/proxy/item");
            HttpResponse<String> second = app.get("/proxy/item");
            assertThat(second.body()).isEqualTo("{\"up\":1}");
            assertThat(upstream.renders("/item")).isEqualTo(1);
            assertThat(app.get("/proxy/item", "If-None-Match", "\"u1\"").statusCode())
                    .isEqualTo(304);
        }
    }

    // --- validators

    @Test
    void deepEtagAnswers304WithoutRendering() throws Exception {
        int[] version = {3};
        start(CacheRoute.builder("/products/*")
                .policy(CachePolicy.builder().noCache().build())
                .version(request -> ResourceVersion.of(version[0]))
                .build());
        app.json("/products/1", "{\"v\":3}");
        HttpResponse<String> first = app.get("/products/1");
        assertThat(first.headers().firstValue("ETag")).hasValue("\"v3\"");
        HttpResponse<String> again = app.get("/products/1", "If-None-Match", "\"v3\"");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(app.renders("/products/1")).isEqualTo(1);
        version[0] = 4;
        assertThat(app.get("/products/1", "If-None-Match", "\"v3\"").statusCode())
                .isEqualTo(200);
        assertThat(app.renders("/products/1")).isEqualTo(2);
    }

    @Test
    void storedResponseIsServedOnlyWhileItsVersionIsCurrent() throws Exception {
        int[] version = {1};
        start(CacheRoute.builder("/p")
                .policy(maxAge(600))
                .version(request -> ResourceVersion.of(version[0]))
                .build());
        app.handlers.put("/p", (req, res) -> res.getWriter().write("version " + version[0]));
        assertThat(app.get("/p").body()).isEqualTo("version 1");
        assertThat(app.get("/p").body()).isEqualTo("version 1");
        version[0] = 2;
        assertThat(app.get("/p").body()).isEqualTo("version 2");
        assertThat(app.renders("/p")).isEqualTo(2);
    }

    @Test
    void shallowEtagAnswers304FromTheBodyHash() throws Exception {
        start(policy("/p", CachePolicy.builder().noCache().build()));
        app.json("/p", "{\"a\":1}");
        String etag = app.get("/p").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> r = app.get("/p", "If-None-Match", etag);
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(app.renders("/p")).isEqualTo(2); // shallow: rendered, hashed, not sent
    }

    @Test
    void ifNoneMatchTakesPrecedenceOverIfModifiedSince() throws Exception {
        start(CacheRoute.builder("/p")
                .policy(maxAge(60))
                .version(request -> ResourceVersion.of(1).withLastModified(Instant.parse("2025-01-01T00:00:00Z")))
                .build());
        app.json("/p", "x");
        HttpResponse<String> r =
                app.get("/p", "If-None-Match", "\"other\"", "If-Modified-Since", "Wed, 01 Jan 2025 10:00:00 GMT");
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void ifNoneMatchUsesWeakComparisonListsAndStar() throws Exception {
        start(CacheRoute.builder("/p")
                .policy(maxAge(60))
                .version(r -> ResourceVersion.of(7))
                .build());
        app.json("/p", "x");
        assertThat(app.get("/p", "If-None-Match", "W/\"v7\"").statusCode()).isEqualTo(304);
        assertThat(app.get("/p", "If-None-Match", "\"a\", \"v7\"").statusCode()).isEqualTo(304);
        assertThat(app.get("/p", "If-None-Match", "*").statusCode()).isEqualTo(304);
        assertThat(app.get("/p", "If-None-Match", "\"a\", \"b\"").statusCode()).isEqualTo(200);
    }

    @Test
    void ifModifiedSinceAnswers304() throws Exception {
        Instant modified = Instant.parse("2025-06-01T12:00:00Z");
        start(CacheRoute.builder("/p")
                .policy(maxAge(60))
                .version(r -> ResourceVersion.lastModified(modified))
                .build());
        app.json("/p", "x");
        assertThat(app.get("/p", "If-Modified-Since", "Sun, 01 Jun 2025 12:00:00 GMT")
                        .statusCode())
                .isEqualTo(304);
        assertThat(app.get("/p", "If-Modified-Since", "Sun, 01 Jun 2025 11:59:59 GMT")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void notModifiedCarriesEtagCacheControlVaryDateExpiresAndNoBody() throws Exception {
        start(CacheRoute.builder("/p").fromResponse().build());
        app.json(
                "/p",
                "{\"a\":1}",
                "Cache-Control",
                "public, max-age=60",
                "Vary",
                "Accept",
                "Expires",
                "Thu, 01 Jan 2026 00:01:00 GMT",
                "ETag",
                "\"e1\"",
                "X-Other",
                "1");
        app.get("/p");
        HttpResponse<String> r = app.get("/p", "If-None-Match", "\"e1\"");
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("ETag")).hasValue("\"e1\"");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        assertThat(r.headers().firstValue("Vary")).hasValue("Accept");
        assertThat(r.headers().firstValue("Date")).isPresent();
        assertThat(r.headers().firstValue("Expires")).hasValue("Thu, 01 Jan 2026 00:01:00 GMT");
        assertThat(r.headers().firstValue("X-Other")).isEmpty();
        assertThat(cache.stats().notModifiedCount()).isEqualTo(1);
        assertThat(cache.stats().notModifiedBytesSaved()).isEqualTo(7);
    }

    @Test
    void ifMatchMismatchOnAnUnsafeMethodAnswers412() throws Exception {
        start(CacheRoute.builder("/p")
                .policy(maxAge(60))
                .version(r -> ResourceVersion.of(5))
                .build());
        app.json("/p", "ok");
        assertThat(app.send("PUT", "/p", "If-Match", "\"v4\"").statusCode()).isEqualTo(412);
        assertThat(app.renders("/p")).isZero();
        assertThat(app.send("PUT", "/p", "If-Match", "\"v5\"").statusCode()).isEqualTo(200);
        assertThat(app.send("PUT", "/p", "If-Match", "*").statusCode()).isEqualTo(200);
        assertThat(app.send("PUT", "/p", "If-Match", "W/\"v5\"").statusCode()).isEqualTo(412); // strong comparison
    }

    @Test
    void ifUnmodifiedSinceBeforeTheLastModificationAnswers412() throws Exception {
        start(CacheRoute.builder("/p")
                .policy(maxAge(60))
                .version(r -> ResourceVersion.lastModified(Instant.parse("2025-06-01T12:00:00Z")))
                .build());
        app.json("/p", "ok");
        assertThat(app.send("DELETE", "/p", "If-Unmodified-Since", "Sun, 01 Jun 2025 11:00:00 GMT")
                        .statusCode())
                .isEqualTo(412);
        assertThat(app.send("DELETE", "/p", "If-Unmodified-Since", "Sun, 01 Jun 2025 12:00:00 GMT")
                        .statusCode())
                .isEqualTo(200);
    }

    // --- keys

    @Test
    void headIsAnsweredFromAStoredGet() throws Exception {
        start(policy("/p", maxAge(60)));
        app.json("/p", "{\"a\":1}");
        app.get("/p");
        HttpResponse<String> head = app.send("HEAD", "/p");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue("7");
        assertThat(app.renders("/p")).isEqualTo(1);
    }

    @Test
    void queryParametersAreSortedInTheKey() throws Exception {
        start(policy("/p", maxAge(60)));
        app.handlers.put("/p", (req, res) -> res.getWriter().write(req.getQueryString()));
        app.get("/p?b=2&a=1");
        assertThat(app.get("/p?a=1&b=2").body()).isEqualTo("b=2&a=1");
        assertThat(app.renders("/p")).isEqualTo(1);
        app.get("/p?a=1&b=3");
        assertThat(app.renders("/p")).isEqualTo(2);
    }

    @Test
    void varyValuesAreNormalizedInTheKey() throws Exception {
        start(policy(
                "/p",
                CachePolicy.builder()
                        .maxAge(Duration.ofSeconds(60))
                        .vary("Accept", "Accept-Encoding")
                        .build()));
        app.handlers.put("/p", (req, res) -> res.getWriter().write("for " + req.getHeader("Accept")));
        app.get("/p", "Accept", "application/json", "Accept-Encoding", "gzip, br");
        assertThat(app.get("/p", "Accept", "APPLICATION/JSON", "Accept-Encoding", "br,gzip")
                        .body())
                .isEqualTo("for application/json");
        assertThat(app.renders("/p")).isEqualTo(1);
        assertThat(app.get("/p", "Accept", "text/html", "Accept-Encoding", "br,gzip")
                        .body())
                .isEqualTo("for text/html");
        assertThat(app.renders("/p")).isEqualTo(2);
    }

    @Test
    void responseVaryLearnedFromTheHandlerKeysTheNextRequests() throws Exception {
        start(CacheRoute.builder("/p").fromResponse().build());
        app.handlers.put("/p", (req, res) -> {
            res.setHeader("Cache-Control", "max-age=60");
            res.setHeader("Vary", "Accept-Language");
            res.getWriter().write("lang " + req.getHeader("Accept-Language"));
        });
        app.get("/p", "Accept-Language", "de"); // learns the Vary, not stored under the Vary-less key
        app.get("/p", "Accept-Language", "de");
        assertThat(app.get("/p", "Accept-Language", "de").body()).isEqualTo("lang de");
        assertThat(app.get("/p", "Accept-Language", "fr").body()).isEqualTo("lang fr");
        assertThat(app.renders("/p")).isEqualTo(3);
    }

    // --- never stored

    @Test
    void privateResponseIsNeverStored() throws Exception {
        start(CacheRoute.builder("/p").fromResponse().build());
        app.json("/p", "mine", "Cache-Control", "private, max-age=60");
        app.get("/p");
        app.get("/p");
        assertThat(app.renders("/p")).isEqualTo(2);
        assertThat(cache.stats().refusedCount(StoreRefusal.PRIVATE)).isEqualTo(2);
    }

    @Test
    void noStoreResponseIsNeverStored() throws Exception {
        start(policy("/p", CachePolicy.builder().noStore().build()));
        app.json("/p", "x");
        app.get("/p");
        app.get("/p");
        assertThat(app.renders("/p")).isEqualTo(2);
        assertThat(cache.stats().refusedCount(StoreRefusal.NO_STORE)).isEqualTo(2);
    }

    @Test
    void varyStarIsNeverStored() throws Exception {
        start(CacheRoute.builder("/p").fromResponse().build());
        app.json("/p", "x", "Cache-Control", "max-age=60", "Vary", "*");
        app.get("/p");
        app.get("/p");
        assertThat(app.renders("/p")).isEqualTo(2);
        assertThat(cache.stats().refusedCount(StoreRefusal.VARY_ALL)).isEqualTo(2);
    }

    @Test
    void responseSettingACookieIsNeverStored() throws Exception {
        start(policy("/p", maxAge(60)));
        int[] n = {0};
        app.handlers.put("/p", (req, res) -> {
            res.addCookie(new Cookie("session", "user" + (++n[0])));
            res.getWriter().write("hello user" + n[0]);
        });
        HttpResponse<String> a = app.get("/p");
        HttpResponse<String> b = app.get("/p");
        assertThat(a.headers().firstValue("Set-Cookie"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("session=user1"));
        assertThat(b.body()).isEqualTo("hello user2");
        assertThat(cache.stats().refusedCount(StoreRefusal.SET_COOKIE)).isEqualTo(2);
    }

    @Test
    void responseToARequestWithAuthorizationIsStoredOnlyWhenPublic() throws Exception {
        start(CacheRoute.builder("/**").fromResponse().build());
        app.handlers.put("/secret", (req, res) -> {
            res.setHeader("Cache-Control", "max-age=60");
            res.getWriter().write("for " + req.getHeader("Authorization"));
        });
        app.handlers.put("/shared", (req, res) -> {
            res.setHeader("Cache-Control", "public, max-age=60");
            res.getWriter().write("shared");
        });
        app.get("/secret", "Authorization", "Bearer alice");
        assertThat(app.get("/secret", "Authorization", "Bearer bob").body()).isEqualTo("for Bearer bob");
        assertThat(app.get("/secret").body()).isEqualTo("for null");
        assertThat(cache.stats().refusedCount(StoreRefusal.AUTHORIZATION)).isEqualTo(2);
        app.get("/shared", "Authorization", "Bearer alice");
        app.get("/shared", "Authorization", "Bearer bob");
        assertThat(app.renders("/shared")).isEqualTo(1);
        app.get("/shared"); // an anonymous request is keyed apart from the authorized ones
        assertThat(app.renders("/shared")).isEqualTo(2);
    }

    @Test
    void perPrincipalRouteNeverServesOnePrincipalsResponseToAnother() throws Exception {
        start(CacheRoute.builder("/me")
                .policy(CachePolicy.builder().maxAge(Duration.ofSeconds(60)).build())
                .perPrincipal()
                .build());
        app.handlers.put("/me", (req, res) -> res.getWriter().write("me is " + req.getHeader("Authorization")));
        assertThat(app.get("/me", "Authorization", "Bearer alice").body()).isEqualTo("me is Bearer alice");
        assertThat(app.get("/me", "Authorization", "Bearer bob").body()).isEqualTo("me is Bearer bob");
        assertThat(app.get("/me", "Authorization", "Bearer alice").body()).isEqualTo("me is Bearer alice");
        assertThat(app.renders("/me")).isEqualTo(2);
    }

    @Test
    void perPrincipalRouteKeysByTheAuthenticatedPrincipal() throws Exception {
        start(CacheRoute.builder("/me")
                .policy(CachePolicy.builder().maxAge(Duration.ofSeconds(60)).build())
                .perPrincipal()
                .build());
        app.handlers.put(
                "/me",
                (req, res) ->
                        res.getWriter().write("me is " + req.getUserPrincipal().getName()));
        assertThat(app.get("/me", "X-Test-User", "alice").body()).isEqualTo("me is alice");
        assertThat(app.get("/me", "X-Test-User", "bob").body()).isEqualTo("me is bob");
        assertThat(app.get("/me", "X-Test-User", "alice").body()).isEqualTo("me is alice");
        assertThat(app.renders("/me")).isEqualTo(2);
    }

    @Test
    void statusNotCacheableByDefaultIsNotStoredUnlessTheRouteAllowsIt() throws Exception {
        start(
                policy("/a", maxAge(60)),
                CacheRoute.builder("/b")
                        .policy(maxAge(60))
                        .cacheableStatuses(403)
                        .build());
        app.handlers.put("/a", (req, res) -> {
            res.setStatus(403);
            res.getWriter().write("no");
        });
        app.handlers.put("/b", app.handlers.get("/a"));
        app.get("/a");
        app.get("/a");
        app.get("/b");
        app.get("/b");
        assertThat(app.renders("/a")).isEqualTo(2);
        assertThat(app.renders("/b")).isEqualTo(1);
        app.handlers.put("/n", (req, res) -> res.sendError(404));
    }

    // --- request directives

    @Test
    void requestNoCacheGoesToTheHandler() throws Exception {
        start(policy("/p", maxAge(60)));
        app.json("/p", "x");
        app.get("/p");
        app.get("/p", "Cache-Control", "no-cache");
        app.get("/p", "Pragma", "no-cache");
        assertThat(app.renders("/p")).isEqualTo(3);
    }

    @Test
    void requestMaxAgeZeroGoesToTheHandler() throws Exception {
        start(policy("/p", maxAge(60)));
        app.json("/p", "x");
        app.get("/p");
        clock.advance(Duration.ofSeconds(2));
        app.get("/p", "Cache-Control", "max-age=0");
        app.get("/p", "Cache-Control", "max-age=5"); // age 0 after the re-render
        assertThat(app.renders("/p")).isEqualTo(2);
    }

    @Test
    void requestNoStoreIsAnsweredButNotStored() throws Exception {
        start(policy("/p", maxAge(60)));
        app.json("/p", "x");
        app.get("/p", "Cache-Control", "no-store");
        app.get("/p");
        assertThat(app.renders("/p")).isEqualTo(2);
    }

    @Test
    void onlyIfCachedAnswers504OnAMiss() throws Exception {
        start(policy("/p", maxAge(60)));
        app.json("/p", "x");
        assertThat(app.get("/p", "Cache-Control", "only-if-cached").statusCode())
                .isEqualTo(504);
        app.get("/p");
        assertThat(app.get("/p", "Cache-Control", "only-if-cached").statusCode())
                .isEqualTo(200);
        assertThat(app.renders("/p")).isEqualTo(1);
    }

    @Test
    void maxStaleAcceptsAStaleResponse() throws Exception {
        start(policy("/p", maxAge(10)));
        app.json("/p", "x");
        app.get("/p");
        clock.advance(Duration.ofSeconds(15));
        // stored entries live for their freshness only unless the route retains them
        assertThat(app.get("/p", "Cache-Control", "max-stale=10").statusCode()).isEqualTo(200);
    }

    @Test
    void minFreshRequiresRemainingFreshness() throws Exception {
        start(policy("/p", maxAge(60)));
        app.json("/p", "x");
        app.get("/p");
        clock.advance(Duration.ofSeconds(50));
        app.get("/p", "Cache-Control", "min-fresh=5");
        assertThat(app.renders("/p")).isEqualTo(1);
        app.get("/p", "Cache-Control", "min-fresh=20");
        assertThat(app.renders("/p")).isEqualTo(2);
    }

    // --- unsafe methods

    @Test
    void successfulUnsafeMethodInvalidatesItsUriAndLocation() throws Exception {
        start(policy("/items/**", maxAge(600)));
        app.json("/items/1", "one");
        app.json("/items/2", "two");
        app.json("/items/3", "three");
        app.handlers.put("/items", (req, res) -> {
            res.setStatus(201);
            res.setHeader("Location", "/items/2");
            res.setHeader("Content-Location", "http://127.0.0.1:" + app.port() + "/items/3");
        });
        app.get("/items/1?x=1");
        app.get("/items/2");
        app.get("/items/3");
        app.send("PUT", "/items/1");
        app.get("/items/1?x=1");
        assertThat(app.renders("/items/1")).isEqualTo(3); // the PUT itself, then the GET again
        app.send("POST", "/items");
        app.get("/items/2");
        app.get("/items/3");
        assertThat(app.renders("/items/2")).isEqualTo(2);
        assertThat(app.renders("/items/3")).isEqualTo(2);
    }

    @Test
    void failedUnsafeMethodDoesNotInvalidate() throws Exception {
        start(policy("/p", maxAge(600)));
        app.handlers.put("/p", (req, res) -> {
            if (req.getMethod().equals("PUT")) {
                res.setStatus(409);
            }
            res.getWriter().write("x");
        });
        app.get("/p");
        app.send("PUT", "/p");
        app.get("/p");
        assertThat(app.renders("/p")).isEqualTo(2);
    }

    // --- limits and compression

    @Test
    void bodyAboveTheLimitIsStreamedWholeAndNotStored() throws Exception {
        start(HttpResponseCache.builder().route(policy("/big", maxAge(60))).maximumBodyBytes(1000));
        String big = "x".repeat(5000);
        app.json("/big", big);
        assertThat(app.get("/big").body()).isEqualTo(big);
        assertThat(app.get("/big").body()).isEqualTo(big);
        assertThat(app.renders("/big")).isEqualTo(2);
        assertThat(cache.stats().refusedCount(StoreRefusal.TOO_LARGE)).isEqualTo(2);
    }

    @Test
    void byteBudgetBoundsTheStore() throws Exception {
        start(HttpResponseCache.builder().route(policy("/**", maxAge(600))).maximumBytes(20_000));
        app.handlers.put("*", (req, res) -> res.getWriter().write("y".repeat(1000)));
        for (int i = 0; i < 100; i++) {
            app.get("/r" + i);
        }
        assertThat(cache.estimatedSize()).isLessThan(20);
    }

    @Test
    void storedGzipBodyIsServedToGzipClientsAndDecodedForOthers() throws Exception {
        start(HttpResponseCache.builder().route(policy("/p", maxAge(60))).gzip());
        String json = "{\"items\":[" + "{\"name\":\"item\",\"price\":1},".repeat(100) + "{}]}";
        app.json("/p", json);
        app.get("/p");
        HttpResponse<byte[]> gz = app.getBytes("/p", "Accept-Encoding", "gzip");
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gz.headers().firstValue("Vary").orElse("")).contains("Accept-Encoding");
        assertThat(gz.headers().firstValue("ETag").orElse("")).endsWith("--gzip\"");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(json);
        }
        HttpResponse<String> plain = app.get("/p", "Accept-Encoding", "identity");
        assertThat(plain.body()).isEqualTo(json);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        String gzEtag = gz.headers().firstValue("ETag").orElseThrow();
        assertThat(app.get("/p", "Accept-Encoding", "gzip", "If-None-Match", gzEtag)
                        .statusCode())
                .isEqualTo(304);
        assertThat(app.renders("/p")).isEqualTo(1);
    }

    // --- tags

    @Test
    void tagsAreEmittedAsSurrogateKeyAndCacheTagAndTheTagHeaderIsStripped() throws Exception {
        start(policy("/p", maxAge(60)));
        app.handlers.put("/p", (req, res) -> {
            ResponseTags.add(req, "product:42");
            res.setHeader("Perfkit-Tags", "catalog");
            res.getWriter().write("x");
        });
        HttpResponse<String> r = app.get("/p");
        assertThat(r.headers().firstValue("Perfkit-Tags")).isEmpty();
        assertThat(r.headers().firstValue("Surrogate-Key").orElseThrow()).startsWith("product:42 catalog ~path:");
        assertThat(r.headers().firstValue("Cache-Tag").orElseThrow()).startsWith("product:42,catalog,~path:");
        assertThat(app.get("/p").headers().firstValue("Surrogate-Key").orElseThrow())
                .startsWith("product:42 ");
    }

    @Test
    void invalidatingATagEvictsItsResponses() throws Exception {
        start(policy("/products/*", maxAge(600)));
        app.handlers.put("*", (req, res) -> {
            String id = req.getRequestURI().substring("/products/".length());
            ResponseTags.add(req, "product:" + id);
            res.getWriter().write("product " + id);
        });
        app.get("/products/1");
        app.get("/products/2");
        cache.invalidateTag("product:1");
        app.get("/products/1");
        app.get("/products/2");
        assertThat(app.renders("/products/1")).isEqualTo(2);
        assertThat(app.renders("/products/2")).isEqualTo(1);
    }

    @Test
    void tagInvalidatedWhileItsResponseRendersIsNotStored() throws Exception {
        start(policy("/p", maxAge(600)));
        java.util.concurrent.CountDownLatch rendering = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch invalidated = new java.util.concurrent.CountDownLatch(1);
        int[] n = {0};
        app.handlers.put("/p", (req, res) -> {
            int mine = ++n[0];
            if (mine == 1) {
                rendering.countDown();
                invalidated.await();
            }
            ResponseTags.add(req, "t");
            res.getWriter().write("render " + mine);
        });
        var first = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return app.get("/p").body();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                THREADS);
        rendering.await();
        cache.invalidateTag("t");
        invalidated.countDown();
        assertThat(first.get()).isEqualTo("render 1");
        assertThat(app.get("/p").body()).isEqualTo("render 2");
    }

    // --- bad input

    @Test
    void malformedIfNoneMatchIsAnsweredWithTheBody() throws Exception {
        start(CacheRoute.builder("/p")
                .policy(maxAge(60))
                .version(r -> ResourceVersion.of(1))
                .build());
        app.json("/p", "x");
        for (String bad : new String[] {"v1", "\"v1", "W/v1", "\"v1\" junk", "\"a\",, x"}) {
            HttpResponse<String> r = app.get("/p", "If-None-Match", bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(200);
            assertThat(r.body()).isEqualTo("x");
        }
    }

    @Test
    void malformedIfModifiedSinceIsIgnored() throws Exception {
        start(CacheRoute.builder("/p")
                .policy(maxAge(60))
                .version(r -> ResourceVersion.lastModified(Instant.parse("2025-01-01T00:00:00Z")))
                .build());
        app.json("/p", "x");
        for (String bad : new String[] {"yesterday", "Wed, 32 Jan 2025 00:00:00 GMT", "0", "x".repeat(500)}) {
            assertThat(app.get("/p", "If-Modified-Since", bad).statusCode())
                    .as(bad)
                    .isEqualTo(200);
        }
    }

    @Test
    void malformedCacheControlIsIgnored() throws Exception {
        start(CacheRoute.builder("/**").fromResponse().build());
        app.json("/resp", "x", "Cache-Control", "max-age=abc");
        app.json("/req", "y", "Cache-Control", "max-age=60");
        app.get("/resp");
        app.get("/resp");
        assertThat(app.renders("/resp")).isEqualTo(2); // an unreadable max-age is stale
        app.get("/req");
        assertThat(app.get("/req", "Cache-Control", "max-age=\"unterminated, ,,=")
                        .body())
                .isEqualTo("y");
        assertThat(app.get("/req", "Cache-Control", "=,;;").statusCode()).isEqualTo(200);
    }

    @Test
    void malformedVaryIsAnsweredCorrectly() throws Exception {
        start(CacheRoute.builder("/p").fromResponse().build());
        app.json("/p", "x", "Cache-Control", "max-age=60", "Vary", ",, ,Accept,,");
        assertThat(app.get("/p", "Accept", "a").body()).isEqualTo("x");
        assertThat(app.get("/p", "Accept", "a").body()).isEqualTo("x");
    }

    @Test
    void headerOverTheLengthLimitIsAnsweredUncached() throws Exception {
        start(HttpResponseCache.builder()
                .route(policy(
                        "/p",
                        CachePolicy.builder()
                                .maxAge(Duration.ofSeconds(60))
                                .vary("Accept")
                                .build()))
                .maxHeaderLength(100));
        app.json("/p", "x");
        String longAccept = "a".repeat(200);
        assertThat(app.get("/p", "Accept", longAccept).body()).isEqualTo("x");
        assertThat(app.get("/p", "Accept", longAccept).body()).isEqualTo("x");
        assertThat(app.renders("/p")).isEqualTo(2);
        assertThat(cache.stats().refusedCount(StoreRefusal.UNKEYABLE)).isEqualTo(2);
    }

    @Test
    void unknownMethodPassesThrough() throws Exception {
        start(policy("/p", maxAge(60)));
        app.json("/p", "x");
        assertThat(app.send("OPTIONS", "/p").statusCode()).isEqualTo(200);
        assertThat(app.send("FROB", "/p").statusCode()).isEqualTo(200);
        assertThat(app.renders("/p")).isEqualTo(2);
    }

    @Test
    void handlerThrowingAfterAPartialWriteStoresNothingAndSendsNoTruncatedBody() throws Exception {
        start(policy("/p", maxAge(60)));
        int[] n = {0};
        app.handlers.put("/p", (req, res) -> {
            res.getWriter().write("partial...");
            res.getWriter().flush();
            if (++n[0] == 1) {
                throw new IllegalStateException("boom");
            }
            res.getWriter().write("whole");
        });
        HttpResponse<String> failed = app.get("/p");
        assertThat(failed.statusCode()).isEqualTo(500); // the application's own failure, as without the filter
        assertThat(failed.body()).doesNotContain("partial...");
        assertThat(app.get("/p").body()).isEqualTo("partial...whole");
        assertThat(app.get("/p").body()).isEqualTo("partial...whole");
        assertThat(app.renders("/p")).isEqualTo(2);
    }

    @Test
    void ambiguousPathIsNeverCached() throws Exception {
        start(policy("/**", maxAge(60)));
        app.handlers.put("*", (req, res) -> res.getWriter().write(req.getRequestURI()));
        app.get("/a%2fb");
        app.get("/a%2fb");
        assertThat(cache.stats().refusedCount(StoreRefusal.UNKEYABLE)).isGreaterThanOrEqualTo(0);
        assertThat(cache.stats().storedCount()).isZero();
    }
}
