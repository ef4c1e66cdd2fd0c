package dev.perfkit.cache.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Statistics, the event listener and the HTTP purge sink, through real servers. */
class StatsAndSinksIT {
    private final MutableClock clock = new MutableClock();

    @Test
    void statsAndListenerSeeHitsMissesNotModifiedAndRefusals() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        HttpCacheListener listener = new HttpCacheListener() {
            @Override
            public void hit(String route, String path) {
                events.add("hit " + path);
            }

            @Override
            public void miss(String route, String path) {
                events.add("miss " + path);
            }

            @Override
            public void notModified(String route, String path, long bytesSaved) {
                events.add("304 " + path + " " + bytesSaved);
            }

            @Override
            public void storeRefused(String route, String path, StoreRefusal reason) {
                events.add("refused " + path + " " + reason);
            }
        };
        HttpResponseCache cache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/**").fromResponse().build())
                .listener(listener)
                .clock(clock)
                .build();
        try (TestApp app = new TestApp(cache)) {
            app.json("/a", "hello", "Cache-Control", "max-age=60", "ETag", "\"a\"");
            app.json("/b", "no", "Cache-Control", "private");
            app.get("/a");
            app.get("/a");
            app.get("/a", "If-None-Match", "\"a\"");
            app.get("/b");
            assertThat(events)
                    .containsExactly("miss /a", "hit /a", "hit /a", "304 /a 5", "refused /b PRIVATE", "miss /b");
            HttpCacheStats s = cache.stats();
            assertThat(s.hitCount()).isEqualTo(2);
            assertThat(s.missCount()).isEqualTo(2);
            assertThat(s.notModifiedCount()).isEqualTo(1);
            assertThat(s.notModifiedBytesSaved()).isEqualTo(5);
            assertThat(s.storedCount()).isEqualTo(1);
            assertThat(s.refusedCount(StoreRefusal.PRIVATE)).isEqualTo(1);
        }
    }

    @Test
    void aThrowingListenerIsIgnored() throws Exception {
        HttpResponseCache cache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/**").fromResponse().build())
                .listener(new HttpCacheListener() {
                    @Override
                    public void miss(String route, String path) {
                        throw new IllegalStateException("listener bug");
                    }
                })
                .build();
        try (TestApp app = new TestApp(cache)) {
            app.json("/a", "hello", "Cache-Control", "max-age=60");
            assertThat(app.get("/a").body()).isEqualTo("hello");
        }
    }

    @Test
    void httpPurgeSinkPostsEachTagToTheEndpoint() throws Exception {
        List<String> purged = new CopyOnWriteArrayList<>();
        List<String> keys = new CopyOnWriteArrayList<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/service/abc/purge/", exchange -> {
            purged.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            keys.add(exchange.getRequestHeaders().getFirst("Fastly-Key"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        endpoint.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/service/abc/purge/");
            HttpResponseCache cache = HttpResponseCache.builder()
                    .route(CacheRoute.builder("/**").fromResponse().build())
                    .purgeSink(HttpPurgeSink.of(base, "Fastly-Key", "secret"))
                    .build();
            cache.invalidateTag("product:42");
            assertThat(purged).containsExactly("POST /service/abc/purge/product%3A42");
            assertThat(keys).containsExactly("secret");
            assertThat(cache.stats().purgeFailureCount()).isZero();
        } finally {
            endpoint.stop(0);
        }
    }

    @Test
    void failingPurgeSinkIsCountedAndTheInvalidationStillReturns() {
        List<Collection<String>> failed = new ArrayList<>();
        HttpResponseCache cache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/**").fromResponse().build())
                .purgeSink(HttpPurgeSink.of(URI.create("http://127.0.0.1:1/purge/")))
                .listener(new HttpCacheListener() {
                    @Override
                    public void purgeFailed(Collection<String> tags, Exception error) {
                        failed.add(tags);
                    }
                })
                .collapseWait(Duration.ofSeconds(1))
                .build();
        cache.invalidateTag("t1");
        assertThat(cache.stats().purgeFailureCount()).isEqualTo(1);
        assertThat(failed).containsExactly(List.of("t1"));
    }
}
