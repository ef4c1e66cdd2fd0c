package dev.perfkit.cache.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stale serving, revalidation and request collapsing through a real Jetty, with latches for the interleavings. */
class StaleAndCollapseIT {
    /** Threads of this test's own, never the common pool: a blocked task there starves every later test. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "test-async");
        t.setDaemon(true);
        return t;
    });

    private final MutableClock clock = new MutableClock();
    private TestApp app;
    private HttpResponseCache cache;

    private void start(HttpResponseCache.Builder b) {
        cache = b.clock(clock).build();
        app = new TestApp(cache);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private static CacheRoute route(CachePolicy p) {
        return CacheRoute.builder("/p").policy(p).build();
    }

    private CompletableFuture<HttpResponse<String>> async(HttpClient client, String... headers) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return app.send(client, "GET", "/p", headers);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                THREADS);
    }

    @Test
    void staleIsServedWhileOneRevalidationRuns() throws Exception {
        start(HttpResponseCache.builder()
                .route(route(CachePolicy.builder()
                        .maxAge(Duration.ofSeconds(10))
                        .staleWhileRevalidate(Duration.ofSeconds(60))
                        .build())));
        AtomicInteger n = new AtomicInteger();
        CountDownLatch revalidating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        app.handlers.put("/p", (req, res) -> {
            int mine = n.incrementAndGet();
            if (mine == 2) {
                revalidating.countDown();
                release.await();
            }
            res.getWriter().write("render " + mine);
        });
        assertThat(app.get("/p").body()).isEqualTo("render 1");
        clock.advance(Duration.ofSeconds(15));

        HttpResponse<String> a = async(TestApp.newClient()).get(10, TimeUnit.SECONDS); // while its revalidation blocks
        assertThat(a.body()).isEqualTo("render 1");
        assertThat(a.headers().firstValue("Age")).hasValue("15");
        assertThat(revalidating.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(async(TestApp.newClient()).get(10, TimeUnit.SECONDS).body())
                    .isEqualTo("render 1");
        }
        assertThat(n.get()).isEqualTo(2); // exactly one revalidation
        release.countDown();
        int polledStale = awaitBody("render 2"); // until the revalidation stored, a poll is served stale too
        assertThat(n.get()).isEqualTo(2);
        assertThat(cache.stats().revalidationCount()).isEqualTo(1);
        assertThat(cache.stats().staleServedCount()).isEqualTo(6 + polledStale);
    }

    /** Polls until the body is {@code body}; returns how many polls got another one first. */
    private int awaitBody(String body) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int others = 0;
        while (System.nanoTime() < deadline) {
            if (app.send(TestApp.newClient(), "GET", "/p").body().equals(body)) {
                return others;
            }
            others++;
            Thread.sleep(20);
        }
        throw new AssertionError("never got " + body);
    }

    @Test
    void revalidationIsConditionalAndA304FreshensTheStoredResponse() throws Exception {
        start(HttpResponseCache.builder()
                .route(CacheRoute.builder("/p")
                        .fromResponse()
                        .retain(Duration.ofMinutes(5))
                        .build()));
        List<String> conditions = new ArrayList<>();
        app.handlers.put("/p", (req, res) -> {
            res.setHeader("Cache-Control", "max-age=10");
            res.setHeader("ETag", "\"e1\"");
            String inm = req.getHeader("If-None-Match");
            conditions.add(String.valueOf(inm));
            if ("\"e1\"".equals(inm)) {
                res.setStatus(304);
                return;
            }
            res.getWriter().write("body");
        });
        app.get("/p", "If-None-Match", "\"client\"");
        clock.advance(Duration.ofSeconds(11));
        HttpResponse<String> r = app.get("/p");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("body");
        assertThat(conditions).containsExactly("null", "\"e1\""); // the client's own condition never reached it
        assertThat(app.get("/p").body()).isEqualTo("body"); // fresh again after the 304
        assertThat(conditions).hasSize(2);
        assertThat(cache.stats().revalidationNotModifiedCount()).isEqualTo(1);
    }

    @Test
    void staleIsServedWithinStaleIfErrorWhenTheHandlerThrows() throws Exception {
        start(HttpResponseCache.builder()
                .route(route(CachePolicy.builder()
                        .maxAge(Duration.ofSeconds(10))
                        .staleIfError(Duration.ofSeconds(60))
                        .build())));
        AtomicInteger n = new AtomicInteger();
        app.handlers.put("/p", (req, res) -> {
            if (n.incrementAndGet() > 1) {
                throw new IllegalStateException("database down");
            }
            res.getWriter().write("good");
        });
        app.get("/p");
        clock.advance(Duration.ofSeconds(20));
        HttpResponse<String> r = app.get("/p");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("good");
        clock.advance(Duration.ofSeconds(60));
        assertThat(app.get("/p").statusCode()).isEqualTo(500); // past the window the failure surfaces
    }

    @Test
    void staleIsServedWithinStaleIfErrorOn500502503And504() throws Exception {
        start(HttpResponseCache.builder()
                .route(route(CachePolicy.builder()
                        .maxAge(Duration.ofSeconds(10))
                        .staleIfError(Duration.ofSeconds(600))
                        .build())));
        int[] status = {200};
        app.handlers.put("/p", (req, res) -> {
            res.setStatus(status[0]);
            res.getWriter().write(status[0] == 200 ? "good" : "bad");
        });
        app.get("/p");
        for (int s : new int[] {500, 502, 503, 504}) {
            status[0] = s;
            clock.advance(Duration.ofSeconds(11));
            HttpResponse<String> r = app.get("/p");
            assertThat(r.statusCode()).as("status " + s).isEqualTo(200);
            assertThat(r.body()).isEqualTo("good");
        }
        status[0] = 404;
        clock.advance(Duration.ofSeconds(11));
        assertThat(app.get("/p").statusCode()).isEqualTo(404); // not an error a stale response stands in for
    }

    @Test
    void mustRevalidateIsNeverServedStale() throws Exception {
        start(HttpResponseCache.builder()
                .route(route(CachePolicy.builder()
                        .maxAge(Duration.ofSeconds(10))
                        .staleWhileRevalidate(Duration.ofSeconds(60))
                        .mustRevalidate()
                        .build())));
        AtomicInteger n = new AtomicInteger();
        app.handlers.put("/p", (req, res) -> res.getWriter().write("render " + n.incrementAndGet()));
        app.get("/p");
        clock.advance(Duration.ofSeconds(15));
        assertThat(app.get("/p").body()).isEqualTo("render 2");
    }

    @Test
    void coldMissStormRunsTheHandlerOnce() throws Exception {
        start(HttpResponseCache.builder()
                .route(route(
                        CachePolicy.builder().maxAge(Duration.ofSeconds(60)).build())));
        AtomicInteger n = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        app.handlers.put("/p", (req, res) -> {
            n.incrementAndGet();
            release.await();
            res.getWriter().write("one render");
        });
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            all.add(async(TestApp.newClient()));
        }
        Thread.sleep(300); // let them arrive; late ones are hits, which keeps the promise
        release.countDown();
        for (var f : all) {
            assertThat(f.get(20, TimeUnit.SECONDS).body()).isEqualTo("one render");
        }
        assertThat(n.get()).isEqualTo(1);
        HttpCacheStats s = cache.stats();
        assertThat(s.collapsedCount() + s.hitCount()).isEqualTo(15);
        assertThat(s.collapsedCount()).isPositive();
    }

    @Test
    void collapsedRequestsFallThroughToTheHandlerAfterTheBound() throws Exception {
        start(HttpResponseCache.builder()
                .route(route(
                        CachePolicy.builder().maxAge(Duration.ofSeconds(60)).build()))
                .collapseWait(Duration.ofMillis(200)));
        AtomicInteger n = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        app.handlers.put("/p", (req, res) -> {
            if (n.incrementAndGet() == 1) {
                release.await();
            }
            res.getWriter().write("render");
        });
        CompletableFuture<HttpResponse<String>> slow = async(TestApp.newClient());
        while (n.get() == 0) {
            Thread.sleep(5);
        }
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(async(TestApp.newClient()));
        }
        for (var f : waiting) {
            assertThat(f.get(10, TimeUnit.SECONDS).body()).isEqualTo("render");
        }
        assertThat(cache.stats().collapseTimeoutCount()).isEqualTo(3);
        release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("render");
        int before = n.get();
        app.get("/p"); // the slow render was stored all the same
        assertThat(n.get()).isEqualTo(before);
    }

    @Test
    void nonShareableRenderIsNeverHandedToCollapsedRequests() throws Exception {
        start(HttpResponseCache.builder()
                .route(route(
                        CachePolicy.builder().maxAge(Duration.ofSeconds(60)).build())));
        AtomicInteger n = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        app.handlers.put("/p", (req, res) -> {
            int mine = n.incrementAndGet();
            if (mine == 1) {
                release.await();
            }
            res.addCookie(new jakarta.servlet.http.Cookie("session", "s" + mine));
            res.getWriter().write("user " + mine);
        });
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(async(TestApp.newClient()));
        }
        Thread.sleep(300);
        release.countDown();
        java.util.Set<String> bodies = new java.util.HashSet<>();
        for (var f : all) {
            HttpResponse<String> r = f.get(20, TimeUnit.SECONDS);
            String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie)
                    .as("its own cookie")
                    .isEqualTo("session=s" + r.body().substring(5));
            bodies.add(r.body());
        }
        assertThat(bodies).hasSize(6); // each request got its own render
    }
}
