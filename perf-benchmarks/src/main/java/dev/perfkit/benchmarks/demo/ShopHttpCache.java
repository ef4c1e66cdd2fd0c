package dev.perfkit.benchmarks.demo;

import dev.perfkit.cache.http.CachePolicy;
import dev.perfkit.cache.http.CacheRoute;
import dev.perfkit.cache.http.HttpResponseCache;
import dev.perfkit.cache.http.ResourceVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The shop's HTTP response cache: product JSON with a deep ETag from one version query (a matching If-None-Match
 * is a 304 without rendering), the storefront page and order lists stored for a minute; price changes purge the
 * product's and its category's tags after the commit.
 */
final class ShopHttpCache {
    private ShopHttpCache() {}

    static HttpResponseCache create(DataSource dataSource) {
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
                            long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
                            try (Connection c = dataSource.getConnection();
                                    PreparedStatement ps =
                                            c.prepareStatement("select version from products where id = ?")) {
                                ps.setLong(1, id);
                                try (ResultSet rs = ps.executeQuery()) {
                                    return rs.next() ? ResourceVersion.of(rs.getLong(1)) : null;
                                }
                            }
                        })
                        .build())
                .route(CacheRoute.builder("/api/customers/**")
                        .policy(revalidate)
                        .build())
                .route(CacheRoute.builder("/").policy(revalidate).build())
                .maximumBytes(64L << 20)
                .build();
    }
}
