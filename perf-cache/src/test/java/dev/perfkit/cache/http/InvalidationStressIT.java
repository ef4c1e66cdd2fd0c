package dev.perfkit.cache.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.cache.http.servlet.ResponseTags;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A seeded stress test through a real Jetty: many clients send random GETs, PUTs (which change the data and
 * invalidate the path) and tag invalidations on a few URLs. The invariant: once a change's invalidation returned (the
 * PUT's response arrived, or invalidateTag returned), no GET sent afterwards gets a response rendered from older data,
 * and no GET gets another URL's response.
 */
class InvalidationStressIT {
    private static final int URLS = 4;
    private static final int CLIENTS = 8;
    private static final int OPS = 150;

    @Test
    void noResponseRenderedBeforeAnInvalidationIsServedAfterIt() throws Exception {
        long seed = Long.getLong("stress.seed", System.nanoTime());
        System.out.println("InvalidationStressIT seed " + seed + " (rerun with -Dstress.seed=" + seed + ")");
        AtomicLongArray data = new AtomicLongArray(URLS); // the "database": a version per resource
        AtomicLongArray invalidated = new AtomicLongArray(URLS); // the newest version whose invalidation returned
        HttpResponseCache cache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/r/*")
                        .policy(CachePolicy.builder()
                                .maxAge(Duration.ofMinutes(10))
                                .build())
                        .build())
                .build();
        try (TestApp app = new TestApp(cache)) {
            Random jitter = new Random(seed);
            app.handlers.put("*", (req, res) -> {
                int i = Integer.parseInt(req.getRequestURI().substring(3));
                if (req.getMethod().equals("PUT")) {
                    res.setHeader("X-Version", Long.toString(data.incrementAndGet(i)));
                    res.setStatus(204);
                    return;
                }
                long v = data.get(i); // read the data, then render slowly: the window invalidations race with
                long pause;
                synchronized (jitter) {
                    pause = jitter.nextInt(1500);
                }
                LockSupport.parkNanos(pause * 1000L);
                ResponseTags.add(req, "res:" + i);
                res.getWriter().write(i + ":" + v);
            });
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<Long>> clients = new ArrayList<>();
            AtomicLong checked = new AtomicLong();
            for (int c = 0; c < CLIENTS; c++) {
                Random random = new Random(seed + c);
                clients.add(pool.submit(() -> {
                    HttpClient http = TestApp.newClient();
                    for (int op = 0; op < OPS; op++) {
                        int i = random.nextInt(URLS);
                        int kind = random.nextInt(10);
                        if (kind == 0) {
                            HttpResponse<String> put = app.send(http, "PUT", "/r/" + i);
                            assertThat(put.statusCode()).isEqualTo(204);
                            raise(
                                    invalidated,
                                    i,
                                    Long.parseLong(put.headers()
                                            .firstValue("X-Version")
                                            .orElseThrow()));
                        } else if (kind == 1) {
                            long v = data.incrementAndGet(i);
                            cache.invalidateTag("res:" + i);
                            raise(invalidated, i, v);
                        } else {
                            long floor = invalidated.get(i);
                            HttpResponse<String> get = app.send(http, "GET", "/r/" + i);
                            String[] parts = get.body().split(":", -1);
                            assertThat(parts[0]).as("a response of another URL").isEqualTo(Integer.toString(i));
                            long v = Long.parseLong(parts[1]);
                            assertThat(v)
                                    .as("GET /r/%d sent after the invalidation of version %d (seed %d)", i, floor, seed)
                                    .isGreaterThanOrEqualTo(floor);
                            checked.incrementAndGet();
                        }
                    }
                    return 0L;
                }));
            }
            pool.shutdown();
            for (Future<Long> f : clients) {
                f.get();
            }
            assertThat(checked.get()).isGreaterThan(CLIENTS * OPS / 2);
            assertThat(cache.stats().hitCount()).isPositive(); // the cache did serve, it is not passing everything
        }
    }

    /** Records that the change to {@code version} of resource {@code i} and its invalidation completed. */
    private static void raise(AtomicLongArray invalidated, int i, long version) {
        invalidated.accumulateAndGet(i, version, Math::max);
    }
}
