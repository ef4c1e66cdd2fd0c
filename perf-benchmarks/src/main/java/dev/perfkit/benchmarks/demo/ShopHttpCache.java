package dev.perfkit.benchmarks.demo;

import dev.perfkit.cache.http.CachePolicy;
import dev.perfkit.cache.http.CacheRoute;
import dev.perfkit.cache.http.HttpResponseCache;
import dev.perfkit.cache.http.ResourceVersion;
import java.time.Duration;

/**
 * The shop's HTTP response cache: product JSON with a deep ETag from the product's version (a matching If-None-Match
 * is a 304 without rendering) and the storefront page stored for a minute; price changes purge the product's and
 * its category's tags after the commit. Customer order lists are not routed here: the app's cache already keeps
 * them rendered, so a response cache in front of them would only copy bytes (an earlier version did, and the step
 * was slower for it).
 */
final class ShopHttpCache {
    private ShopHttpCache() {}

    /**
     * The cache in front of the shop. The products' version comes from the same place the handler renders them
     * from ({@code products}: the app's cache-aside when it has one), never from a second source: a version read
     * from the database while the app cache still holds the old product (between the commit and the cache's
     * invalidation) would pair an old body with the new ETag, and every later revalidation would confirm it. The
     * demo's stale-read check caught exactly that when the version was a query of its own.
     */
    static HttpResponseCache create(java.util.function.LongFunction<java.util.Optional<Product>> products) {
        CachePolicy revalidate = CachePolicy.builder()
                .publicResponse()
                .maxAge(Duration.ZERO) // browsers revalidate every time; this cache answers the revalidations
                .sMaxAge(Duration.ofMinutes(1)) // and serves from memory for a minute (products: while current)
                .build();
        return HttpResponseCache.builder()
                .route(CacheRoute.builder("/api/products/*")
                        .policy(revalidate)
                        .version(request -> {
                            String path = request.path();
                            long id;
                            try {
                                id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
                            } catch (NumberFormatException e) {
                                return null; // not a product id: no version, the handler answers 400
                            }
                            return products.apply(id)
                                    .map(p -> ResourceVersion.of(p.version()))
                                    .orElse(null);
                        })
                        .build())
                .route(CacheRoute.builder("/").policy(revalidate).build())
                .maximumBytes(64L << 20)
                .build();
    }
}
