package dev.perfkit.cache.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consistency rule of {@link VersionFunction}: the version must be read from the source the handler renders from.
 * The application here renders a product from its own cache, which catches up with the database only when it is
 * refreshed (as a cache-aside with a TTL, or a read replica, does).
 */
class VersionConsistencyIT {
    /** The product's row: version and name. */
    private record Product(long version, String name) {}

    private final Map<Long, Product> database = new ConcurrentHashMap<>();
    private final Map<Long, Product> appCache = new ConcurrentHashMap<>();
    private TestApp app;

    private void start(VersionFunction version) {
        HttpResponseCache cache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/products/*")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .maxAge(Duration.ofSeconds(60))
                                .build())
                        .version(version)
                        .build())
                .build();
        app = new TestApp(cache);
        app.handlers.put("/products/1", (req, res) -> {
            Product p = appCache.computeIfAbsent(1L, database::get); // renders from the application's cache
            res.setContentType("application/json");
            res.getWriter().write("{\"version\":" + p.version() + ",\"name\":\"" + p.name() + "\"}");
        });
        Product first = new Product(1, "old name");
        database.put(1L, first);
        appCache.put(1L, first);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private void update() {
        database.put(1L, new Product(2, "new name")); // the application's cache has not caught up yet
    }

    private void appCacheCatchesUp() {
        appCache.put(1L, database.get(1L));
    }

    @Test
    void aVersionReadFromTheDatabaseWhileTheHandlerRendersFromItsCacheServesTheOldBodyUnderTheNewEtag()
            throws Exception {
        start(request -> ResourceVersion.of(database.get(1L).version())); // breaks the rule
        app.get("/products/1");
        update();
        HttpResponse<String> r = app.get("/products/1");
        assertThat(r.headers().firstValue("ETag")).hasValue("\"v2\"");
        assertThat(r.body()).contains("old name"); // the old body under the new ETag...
        appCacheCatchesUp();
        assertThat(app.get("/products/1").body()).contains("old name"); // ...stored, and still served
        assertThat(app.get("/products/1", "If-None-Match", "\"v2\"").statusCode())
                .isEqualTo(304); // and a client holding it is told it is current
    }

    @Test
    void aVersionReadFromTheSourceTheHandlerRendersFromKeepsBodyAndEtagTogether() throws Exception {
        start(request -> {
            Product p = appCache.get(1L); // follows the rule: the handler's own source
            return p == null ? null : ResourceVersion.of(p.version());
        });
        app.get("/products/1");
        update();
        HttpResponse<String> during = app.get("/products/1");
        assertThat(during.headers().firstValue("ETag")).hasValue("\"v1\"");
        assertThat(during.body()).contains("\"version\":1").contains("old name");
        appCacheCatchesUp();
        HttpResponse<String> after = app.get("/products/1");
        assertThat(after.headers().firstValue("ETag")).hasValue("\"v2\"");
        assertThat(after.body()).contains("\"version\":2").contains("new name");
    }
}
