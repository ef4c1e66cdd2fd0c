package dev.perfkit.benchmarks.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.cache.http.CachePolicy;
import dev.perfkit.cache.http.CacheRoute;
import dev.perfkit.cache.http.HttpResponseCache;
import dev.perfkit.cache.http.servlet.ResponseCacheFilter;
import dev.perfkit.testsupport.JettyServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The origin of {@code scripts/http-cache-vs-varnish.sh}: an embedded Jetty with perfkit's response cache in front of
 * a listing handler (the JSON shape of {@link HttpCacheBenchmark}'s, 300 items, rendered in memory: on a hit the
 * handler does not run, so what it costs does not matter here). wrk hits it directly (the in-process cache) and
 * through a Varnish that caches the same response. Prints {@code listening on PORT}, then serves until killed.
 */
public final class CachedOriginServer {
    private CachedOriginServer() {}

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpResponseCache cache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/categories/*")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .maxAge(Duration.ofHours(1))
                                .build())
                        .build())
                .build();
        HttpServlet listing = new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                List<Map<String, Object>> items = new ArrayList<>();
                for (int i = 1; i <= HttpCacheBenchmark.PRODUCTS_PER_CATEGORY; i++) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("id", i);
                    item.put("name", "product " + i);
                    item.put("description", "a product of the listing, " + Integer.toHexString(i * 0x9E3779B1));
                    item.put("price", BigDecimal.valueOf(i % 997).multiply(new BigDecimal("1.25")));
                    item.put("stock", i % 50);
                    item.put("version", 1);
                    item.put("reviews", 5);
                    item.put("stars", new BigDecimal("3.0000000000000000"));
                    items.add(item);
                }
                Map<String, Object> page = new LinkedHashMap<>();
                page.put("category", HttpCacheBenchmark.id(req.getRequestURI()));
                page.put("count", items.size());
                page.put("items", items);
                res.setContentType("application/json");
                json.writeValue(res.getOutputStream(), page);
            }
        };
        JettyServer server = JettyServer.servlets(context -> {
            context.addFilter(
                    new FilterHolder(new ResponseCacheFilter(cache)), "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(listing), "/*");
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("response cache: " + cache.stats());
            server.close();
        }));
        System.out.println("listening on " + server.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
