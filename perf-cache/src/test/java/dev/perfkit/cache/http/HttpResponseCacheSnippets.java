package dev.perfkit.cache.http;

import dev.perfkit.cache.http.servlet.ResponseCacheFilter;
import dev.perfkit.cache.http.servlet.ResponseTags;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * The usage examples of the HTTP response cache's Javadoc and README, compiled here and run by
 * {@link HttpResponseCacheSnippetsTest}.
 */
@SuppressWarnings("InvalidInlineTag")
class HttpResponseCacheSnippets {
    record Product(long id, String name, long version) {}

    /** A table standing in for the database. */
    static final class ProductDao {
        final Map<Long, Product> rows = new ConcurrentHashMap<>(Map.of(42L, new Product(42, "Kettle", 7)));

        Long version(long id) {
            return rows.get(id).version();
        }
    }

    final ProductDao productDao = new ProductDao();

    static long idFrom(String path) {
        return Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
    }

    HttpResponseCache basic() {
        // @start region="basic"
        HttpResponseCache cache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/products/*")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .maxAge(Duration.ofSeconds(60))
                                .sMaxAge(Duration.ofMinutes(10))
                                .staleWhileRevalidate(Duration.ofSeconds(30))
                                .build())
                        // deep ETag: one cheap query before the handler; a matching If-None-Match renders nothing
                        .version(request -> ResourceVersion.of(productDao.version(idFrom(request.path()))))
                        .build())
                .route(CacheRoute.builder("/upstream/**").fromResponse().build()) // follow the handler's headers
                .maximumBytes(64L << 20)
                .gzip()
                .purgeSink(VarnishPurgeSink.xkey(URI.create("http://127.0.0.1:6081/")))
                .build();

        cache.invalidateTag("product:42"); // after the UPDATE committed: here, and in Varnish by xkey
        // @end
        return cache;
    }

    CachePolicy policy() {
        // @start region="policy"
        CachePolicy policy = CachePolicy.builder()
                .publicResponse()
                .maxAge(Duration.ofSeconds(60)) // browsers
                .sMaxAge(Duration.ofMinutes(10)) // this cache, Varnish, CDNs
                .staleWhileRevalidate(Duration.ofSeconds(30))
                .staleIfError(Duration.ofMinutes(10))
                .vary("Accept")
                .build(); // Cache-Control: public, max-age=60, s-maxage=600, stale-while-revalidate=30, ...
        // @end
        return policy;
    }

    void filter(ServletContextHandler context, HttpResponseCache cache) {
        // @start region="filter"
        context.addFilter(new FilterHolder(new ResponseCacheFilter(cache)), "/*", EnumSet.of(DispatcherType.REQUEST));
        // @end
    }

    void handler(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // @start region="tags"
        long id = idFrom(request.getRequestURI());
        ResponseTags.add(request, "product:" + id); // sent as Surrogate-Key and Cache-Tag
        response.setContentType("application/json");
        response.getWriter().write("{\"id\":" + id + "}");
        // @end
    }
}
