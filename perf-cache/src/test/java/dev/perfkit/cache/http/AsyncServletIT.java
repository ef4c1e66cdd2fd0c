package dev.perfkit.cache.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous servlets ({@code startAsync}, completed later from another thread) behind the response cache filter,
 * on a real embedded Jetty with a real HTTP client: passed through uncached, complete, counted, never stored.
 */
class AsyncServletIT {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private TestApp app;
    private HttpResponseCache cache;

    @BeforeEach
    void start() {
        cache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/**")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .maxAge(Duration.ofSeconds(60))
                                .build())
                        .build())
                .build();
        app = new TestApp(cache);
    }

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
        app.close();
    }

    /** Answers {@code body} from another thread, after a pause, through the response the handler was given. */
    private void asyncText(String path, String body) {
        app.handlers.put(path, (req, res) -> {
            AsyncContext ctx = req.startAsync(req, res);
            pool.execute(() -> {
                try {
                    Thread.sleep(50);
                    res.setContentType("text/plain;charset=utf-8");
                    res.getWriter().write(body);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    ctx.complete();
                }
            });
        });
    }

    @Test
    void anAsyncResponseReachesTheClientCompleteAndIsNeverStored() throws Exception {
        asyncText("/a", "async body");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = app.get("/a");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("async body");
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        }
        assertThat(app.renders("/a")).isEqualTo(3);
        assertThat(cache.estimatedSize()).isZero();
        assertThat(cache.stats().refusedCount(StoreRefusal.ASYNC)).isEqualTo(3);
    }

    @Test
    void theAsyncContextResponseOfStartAsyncWithoutArgumentsReachesTheClient() throws Exception {
        app.handlers.put("/a", (req, res) -> {
            AsyncContext ctx = req.startAsync();
            pool.execute(() -> {
                try {
                    Thread.sleep(50);
                    ctx.getResponse().setContentType("text/plain;charset=utf-8");
                    ctx.getResponse().getWriter().write("from the context");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    ctx.complete();
                }
            });
        });
        assertThat(app.get("/a").body()).isEqualTo("from the context");
        assertThat(app.get("/a").body()).isEqualTo("from the context");
        assertThat(app.renders("/a")).isEqualTo(2);
    }

    @Test
    void whatTheHandlerWroteBeforeStartAsyncComesFirstWithItsHeaders() throws Exception {
        app.handlers.put("/a", (req, res) -> {
            res.setContentType("text/plain;charset=utf-8");
            res.setHeader("X-Before", "1");
            res.getWriter().write("head-");
            AsyncContext ctx = req.startAsync(req, res);
            pool.execute(() -> {
                try {
                    Thread.sleep(50);
                    res.setHeader("X-After", "2");
                    res.getWriter().write("tail");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    ctx.complete();
                }
            });
        });
        HttpResponse<String> r = app.get("/a");
        assertThat(r.body()).isEqualTo("head-tail");
        assertThat(r.headers().firstValue("X-Before")).hasValue("1");
        assertThat(r.headers().firstValue("X-After")).hasValue("2");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
    }

    @Test
    void aMissStormOnAnAsyncRouteGivesEveryClientTheWholeBody() throws Exception {
        app.handlers.put("*", (req, res) -> {
            String path = req.getRequestURI();
            AsyncContext ctx = req.startAsync(req, res);
            pool.execute(() -> {
                try {
                    Thread.sleep(100);
                    res.getOutputStream().write(("body of " + path).getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    ctx.complete();
                }
            });
        });
        List<CompletableFuture<String>> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String path = "/p" + (i % 3);
            all.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return path + "=" + app.get(path).body();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    pool));
        }
        for (CompletableFuture<String> f : all) {
            String[] r = f.get(30, TimeUnit.SECONDS).split("=", 2);
            assertThat(r[1]).isEqualTo("body of " + r[0]);
        }
        assertThat(cache.estimatedSize()).isZero();
    }

    @Test
    void aTimedOutAsyncResponseIsNotStored() throws Exception {
        AtomicReference<String> mode = new AtomicReference<>("hang");
        app.handlers.put("/a", (req, res) -> {
            AsyncContext ctx = req.startAsync(req, res);
            ctx.setTimeout(300);
            if (mode.get().equals("hang")) {
                pool.execute(() -> {
                    try {
                        res.getWriter().write("partial"); // and never completes: the container times it out
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                return;
            }
            pool.execute(() -> {
                try {
                    res.getWriter().write("complete");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    ctx.complete();
                }
            });
        });
        HttpResponse<String> timedOut = app.get("/a");
        assertThat(timedOut.statusCode()).isEqualTo(500);
        assertThat(cache.estimatedSize()).isZero();
        mode.set("complete");
        assertThat(app.get("/a").body()).isEqualTo("complete");
        assertThat(app.renders("/a")).isEqualTo(2);
        assertThat(cache.stats().refusedCount(StoreRefusal.ASYNC)).isEqualTo(2);
    }

    @Test
    void anAsyncResponseThatFailsOnTheWireIsNotStored() throws Exception {
        AtomicReference<String> mode = new AtomicReference<>("stream");
        CountDownLatch failed = new CountDownLatch(1);
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        app.handlers.put("/a", (req, res) -> {
            AsyncContext ctx = req.startAsync(req, res);
            ctx.setTimeout(20_000);
            boolean stream = mode.get().equals("stream");
            pool.execute(() -> {
                try {
                    res.setContentType("text/plain");
                    if (!stream) {
                        res.getWriter().write("small");
                        return;
                    }
                    for (int i = 0; i < 2000; i++) {
                        res.getOutputStream().write(chunk);
                        res.getOutputStream().flush();
                    }
                } catch (IOException e) {
                    failed.countDown(); // the client went away: an error on the wire
                } finally {
                    ctx.complete();
                }
            });
        });
        try (Socket s = new Socket("127.0.0.1", app.port())) {
            OutputStream out = s.getOutputStream();
            out.write("GET /a HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            assertThat(in.readNBytes(1000)).hasSize(1000);
        }
        assertThat(failed.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.estimatedSize()).isZero();
        mode.set("small");
        assertThat(app.get("/a").body()).isEqualTo("small");
        assertThat(app.renders("/a")).isEqualTo(2);
    }

    @Test
    void aBackgroundRevalidationThatGoesAsyncStoresNothingAndTheStaleResponseArrivesWhole() throws Exception {
        app.close();
        MutableClock clock = new MutableClock();
        cache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/**")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .maxAge(Duration.ofSeconds(10))
                                .staleWhileRevalidate(Duration.ofSeconds(60))
                                .build())
                        .build())
                .clock(clock)
                .build();
        app = new TestApp(cache);
        app.handlers.put("/p", (req, res) -> res.getWriter().write("render 1"));
        assertThat(app.get("/p").body()).isEqualTo("render 1");
        clock.advance(Duration.ofSeconds(15));
        asyncText("/p", "render 2, asynchronous");
        HttpResponse<String> stale = app.get("/p"); // revalidates in the background, on an async handler
        assertThat(stale.body()).isEqualTo("render 1");
        assertThat(stale.headers().firstValue("Age")).hasValue("15");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (app.renders("/p") < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5); // the revalidation runs after the stale response went out
        }
        assertThat(app.renders("/p")).isEqualTo(2);
        HttpResponse<String> next = app.get("/p");
        assertThat(next.body()).isIn("render 1", "render 2, asynchronous"); // never a partial or empty body
        assertThat(app.get("/p").body()).isIn("render 1", "render 2, asynchronous");
        assertThat(cache.stats().refusedCount(StoreRefusal.ASYNC)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anAsynchronousPutInvalidatesAgainWhenItCompletes() throws Exception {
        AtomicReference<String> data = new AtomicReference<>("v1");
        CountDownLatch go = new CountDownLatch(1);
        app.handlers.put("/p", (req, res) -> {
            if (req.getMethod().equals("GET")) {
                res.getWriter().write(data.get());
                return;
            }
            AsyncContext ctx = req.startAsync(req, res);
            pool.execute(() -> {
                try {
                    go.await();
                    data.set("v2"); // the change lands after the response was handed over
                    res.setStatus(204);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    ctx.complete();
                }
            });
        });
        assertThat(app.get("/p").body()).isEqualTo("v1");
        assertThat(cache.estimatedSize()).isEqualTo(1);
        CompletableFuture<HttpResponse<String>> put = TestApp.newClient()
                .sendAsync(
                        HttpRequest.newBuilder(app.uri("/p"))
                                .PUT(HttpRequest.BodyPublishers.ofString("v2"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cache.estimatedSize() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(5); // the hand-over invalidated /p
        }
        assertThat(cache.estimatedSize()).isZero();
        assertThat(app.get("/p").body()).isEqualTo("v1"); // rendered and stored while the PUT is still running
        assertThat(cache.estimatedSize()).isEqualTo(1);
        go.countDown();
        assertThat(put.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cache.estimatedSize() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(5); // onComplete runs just after the response went out
        }
        assertThat(app.get("/p").body()).isEqualTo("v2");
    }

    /** Writes {@code chunks} copies of {@code chunk} whenever the stream is ready, then completes. */
    private static WriteListener writeWhenReady(ServletOutputStream out, AsyncContext ctx, byte[] chunk, int chunks) {
        return new WriteListener() {
            private int written;

            @Override
            public void onWritePossible() throws IOException {
                while (out.isReady()) {
                    if (written == chunks) {
                        ctx.complete();
                        return;
                    }
                    out.write(chunk);
                    written++;
                }
            }

            @Override
            public void onError(Throwable t) {
                ctx.complete();
            }
        };
    }

    @Test
    void nonBlockingOutputOnTheStreamObtainedBeforeStartAsyncReachesTheClientWhole() throws Exception {
        byte[] chunk = "0123456789abcdef".repeat(1024).getBytes(StandardCharsets.US_ASCII); // 16 KiB
        app.handlers.put("/nb", (req, res) -> {
            res.setContentType("text/plain;charset=us-ascii");
            ServletOutputStream out = res.getOutputStream(); // the capture's stream
            out.write("head-".getBytes(StandardCharsets.US_ASCII));
            AsyncContext ctx = req.startAsync(req, res);
            out.setWriteListener(writeWhenReady(out, ctx, chunk, 64)); // 1 MiB: the socket fills, isReady turns false
        });
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = app.get("/nb");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).hasSize(5 + 64 * chunk.length).startsWith("head-0123");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        }
        assertThat(app.renders("/nb")).isEqualTo(2);
        assertThat(cache.estimatedSize()).isZero();
        assertThat(cache.stats().refusedCount(StoreRefusal.ASYNC)).isEqualTo(2);
    }

    @Test
    void nonBlockingOutputOnTheStreamObtainedAfterStartAsyncReachesTheClientWhole() throws Exception {
        byte[] chunk = "xyz".repeat(4000).getBytes(StandardCharsets.US_ASCII);
        app.handlers.put("/nb", (req, res) -> {
            AsyncContext ctx = req.startAsync(req, res);
            ServletOutputStream out = res.getOutputStream();
            out.setWriteListener(writeWhenReady(out, ctx, chunk, 50));
        });
        HttpResponse<String> r = app.get("/nb");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).hasSize(50 * chunk.length);
        assertThat(cache.estimatedSize()).isZero();
    }

    @Test
    void setWriteListenerWithoutStartAsyncIsRefusedAsTheServletApiRequires() throws Exception {
        app.handlers.put("/nb", (req, res) -> {
            ServletOutputStream out = res.getOutputStream();
            try {
                out.setWriteListener(writeWhenReady(out, null, new byte[1], 1));
                out.write("accepted".getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalStateException e) {
                out.write(("refused: " + e.getMessage()).getBytes(StandardCharsets.US_ASCII));
            }
        });
        HttpResponse<String> r = app.get("/nb");
        assertThat(r.body()).startsWith("refused: ").contains("startAsync");
        assertThat(app.get("/nb").body()).startsWith("refused: ");
        assertThat(app.renders("/nb"))
                .as("a synchronous response, stored as usual")
                .isEqualTo(1);
    }

    @Test
    void theTagHeaderNeverReachesTheClientOfAnAsyncResponse() throws Exception {
        app.handlers.put("/t", (req, res) -> {
            res.setHeader("Perfkit-Tags", "product:1");
            AsyncContext ctx = req.startAsync(req, res);
            pool.execute(() -> {
                try {
                    Thread.sleep(50);
                    res.setHeader("perfkit-tags", "product:2"); // after the hand-over: straight to the real response
                    res.addHeader("PERFKIT-TAGS", "product:3");
                    res.setHeader("X-After", "kept");
                    res.getWriter().write("tagged");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    ctx.complete();
                }
            });
        });
        HttpResponse<String> r = app.get("/t");
        assertThat(r.body()).isEqualTo("tagged");
        assertThat(r.headers().firstValue("X-After")).hasValue("kept");
        assertThat(r.headers().allValues("perfkit-tags")).isEmpty();
    }
}
