package dev.perfkit.metrics.servlet;

import dev.perfkit.cache.http.CachePolicy;
import dev.perfkit.cache.http.CacheRoute;
import dev.perfkit.cache.http.HttpResponseCache;
import dev.perfkit.cache.http.ResourceVersion;
import dev.perfkit.cache.http.servlet.ResponseCacheFilter;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** The usage example of {@link HttpCacheObservations}, run by {@link HttpCacheObservationsIT}. */
class HttpCacheObservationSnippets {
    HttpResponseCache basic(ServletContextHandler context, ObservationRegistry observations) {
        // @start region="basic"
        HttpCacheObservations observed = HttpCacheObservations.of(observations, "api");
        HttpResponseCache cache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/products/*")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .sMaxAge(Duration.ofMinutes(1))
                                .build())
                        .version(request -> ResourceVersion.of(7)) // the product's version, read cheaply
                        .build())
                .listener(observed.listener()) // records each request's decision
                .build();
        context.addFilter(
                new FilterHolder(observed.wrap(new ResponseCacheFilter(cache))),
                "/*",
                EnumSet.of(DispatcherType.REQUEST));
        // @end
        return cache;
    }
}
