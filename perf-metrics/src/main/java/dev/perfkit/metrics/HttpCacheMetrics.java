package dev.perfkit.metrics;

import dev.perfkit.cache.http.HttpCacheStats;
import dev.perfkit.cache.http.HttpResponseCache;
import dev.perfkit.cache.http.StoreRefusal;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * Binds perf-cache's {@link HttpResponseCache} to Micrometer, read from its {@link HttpCacheStats} at each
 * publication (nothing is added to a request). Every meter carries the tag {@code cache}:
 *
 * <ul>
 *   <li>{@code perfkit.http.cache.requests{result=hit|miss|stale|not_modified|passed_through}}: how requests on
 *       cached routes were answered ({@code not_modified}: a 304 from the cache);
 *   <li>{@code perfkit.http.cache.not.modified.bytes.saved}: body bytes the 304s did not send;
 *   <li>{@code perfkit.http.cache.revalidations{result=started|not_modified}};
 *   <li>{@code perfkit.http.cache.collapsed{result=joined|timed_out}}: requests that waited for another's render;
 *   <li>{@code perfkit.http.cache.stores} and {@code perfkit.http.cache.stores.refused{reason}} (one value per
 *       {@link StoreRefusal});
 *   <li>{@code perfkit.http.cache.purge.failures} and the gauge {@code perfkit.http.cache.size} (stored responses).
 * </ul>
 *
 * <p>Tag values are the fixed sets above and the name given here: no path, query or tag of a response ever
 * becomes a tag value.
 *
 * <pre>{@code
 * HttpCacheMetrics.of("api", responseCache).bindTo(registry);
 * }</pre>
 */
public final class HttpCacheMetrics implements MeterBinder {
    private final String name;
    private final HttpResponseCache cache;

    private HttpCacheMetrics(String name, HttpResponseCache cache) {
        this.name = name;
        this.cache = cache;
    }

    /**
     * A binder for {@code cache}, tagged {@code cache=name}.
     *
     * @param name the cache's name in the code (a constant, never derived from a request)
     * @throws IllegalArgumentException if {@code name} is blank or longer than 100 characters
     */
    public static HttpCacheMetrics of(String name, HttpResponseCache cache) {
        return new HttpCacheMetrics(Names.checked("cache name", name), Objects.requireNonNull(cache, "cache"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String requests = "perfkit.http.cache.requests";
        String answered = "Requests on cached routes, by how they were answered";
        counter(registry, requests, "result", "hit", HttpCacheStats::hitCount, answered);
        counter(registry, requests, "result", "miss", HttpCacheStats::missCount, answered);
        counter(registry, requests, "result", "stale", HttpCacheStats::staleServedCount, answered);
        counter(registry, requests, "result", "not_modified", HttpCacheStats::notModifiedCount, answered);
        counter(registry, requests, "result", "passed_through", HttpCacheStats::passedThroughCount, answered);
        FunctionCounter.builder(
                        "perfkit.http.cache.not.modified.bytes.saved",
                        cache,
                        c -> c.stats().notModifiedBytesSaved())
                .description("Body bytes not sent because the cache answered 304")
                .tag("cache", name)
                .register(registry);
        String revalidations = "Background or conditional revalidations of stored responses";
        counter(
                registry,
                "perfkit.http.cache.revalidations",
                "result",
                "started",
                HttpCacheStats::revalidationCount,
                revalidations);
        counter(
                registry,
                "perfkit.http.cache.revalidations",
                "result",
                "not_modified",
                HttpCacheStats::revalidationNotModifiedCount,
                revalidations);
        String collapsed = "Requests that waited for another request's render of the same response";
        counter(
                registry,
                "perfkit.http.cache.collapsed",
                "result",
                "joined",
                HttpCacheStats::collapsedCount,
                collapsed);
        counter(
                registry,
                "perfkit.http.cache.collapsed",
                "result",
                "timed_out",
                HttpCacheStats::collapseTimeoutCount,
                collapsed);
        FunctionCounter.builder(
                        "perfkit.http.cache.stores", cache, c -> c.stats().storedCount())
                .description("Responses stored")
                .tag("cache", name)
                .register(registry);
        for (StoreRefusal reason : StoreRefusal.values()) {
            counter(
                    registry,
                    "perfkit.http.cache.stores.refused",
                    "reason",
                    reason.name().toLowerCase(Locale.ROOT),
                    s -> s.refusedCount(reason),
                    "Responses not stored, by the rule that refused them");
        }
        FunctionCounter.builder(
                        "perfkit.http.cache.purge.failures",
                        cache,
                        c -> c.stats().purgeFailureCount())
                .description("Purge calls to a CDN or proxy that failed")
                .tag("cache", name)
                .register(registry);
        Gauge.builder("perfkit.http.cache.size", cache, HttpResponseCache::estimatedSize)
                .description("Stored responses (estimate)")
                .tag("cache", name)
                .register(registry);
    }

    private void counter(
            MeterRegistry registry,
            String meter,
            String tag,
            String value,
            ToLongFunction<HttpCacheStats> count,
            String description) {
        FunctionCounter.builder(meter, cache, c -> count.applyAsLong(c.stats()))
                .description(description)
                .tags("cache", name, tag, value)
                .register(registry);
    }
}
