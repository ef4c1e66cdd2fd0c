package dev.perfkit.metrics;

import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.CacheStats;
import dev.perfkit.cache.EvictionCause;
import dev.perfkit.cache.InvalidationKind;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Binds one perf-cache {@link CacheAside} to Micrometer, read from its {@link CacheStats} at each publication (no
 * cost on the cache's hit path). Every meter carries the tag {@code cache}:
 *
 * <ul>
 *   <li>{@code perfkit.cache.gets{result=hit|stale|miss}} (needs {@code recordStats()} on the cache);
 *   <li>{@code perfkit.cache.loads{result=success|failure|timeout}} and the timer
 *       {@code perfkit.cache.load.duration};
 *   <li>{@code perfkit.cache.refreshes{result=started|failure}};
 *   <li>{@code perfkit.cache.evictions{cause=size|expired}};
 *   <li>{@code perfkit.cache.invalidations{kind=key|tag|namespace|all|flush}};
 *   <li>{@code perfkit.cache.second.level.failures} and the gauge {@code perfkit.cache.size}.
 * </ul>
 *
 * <p>Tag values are the fixed sets above and the cache name given here: no key, tag or namespace ever becomes a
 * tag value.
 *
 * {@snippet class=dev.perfkit.metrics.MetricsSnippets region=cache}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class CacheMetrics implements MeterBinder {
    private final String name;
    private final CacheAside<?, ?> cache;

    private CacheMetrics(String name, CacheAside<?, ?> cache) {
        this.name = name;
        this.cache = cache;
    }

    /**
     * A binder for {@code cache}, tagged {@code cache=name}.
     *
     * @param name the cache's name in the code (a constant, never derived from a request)
     * @throws IllegalArgumentException if {@code name} is blank or longer than 100 characters
     */
    public static CacheMetrics of(String name, CacheAside<?, ?> cache) {
        return new CacheMetrics(Names.checked("cache name", name), Objects.requireNonNull(cache, "cache"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gets(registry, "hit", CacheStats::hitCount);
        gets(registry, "stale", CacheStats::staleHitCount);
        gets(registry, "miss", CacheStats::missCount);
        counter(registry, "perfkit.cache.loads", "result", "success", CacheStats::loadSuccessCount, "Loader calls");
        counter(registry, "perfkit.cache.loads", "result", "failure", CacheStats::loadFailureCount, "Loader calls");
        counter(registry, "perfkit.cache.loads", "result", "timeout", CacheStats::loadTimeoutCount, "Loader calls");
        FunctionTimer.builder(
                        "perfkit.cache.load.duration",
                        cache,
                        c -> c.stats().loadCount(),
                        c -> c.stats().totalLoadTimeNanos(),
                        TimeUnit.NANOSECONDS)
                .description("Time spent in loaders")
                .tag("cache", name)
                .register(registry);
        counter(
                registry,
                "perfkit.cache.refreshes",
                "result",
                "started",
                CacheStats::refreshCount,
                "Background reloads");
        counter(
                registry,
                "perfkit.cache.refreshes",
                "result",
                "failure",
                CacheStats::refreshFailureCount,
                "Background reloads");
        for (EvictionCause cause : EvictionCause.values()) {
            counter(
                    registry,
                    "perfkit.cache.evictions",
                    "cause",
                    cause.name().toLowerCase(Locale.ROOT),
                    s -> s.evictions(cause),
                    "Entries the cache dropped on its own");
        }
        for (InvalidationKind kind : InvalidationKind.values()) {
            counter(
                    registry,
                    "perfkit.cache.invalidations",
                    "kind",
                    kind.name().toLowerCase(Locale.ROOT),
                    s -> s.invalidations(kind),
                    "Invalidations run on this instance");
        }
        FunctionCounter.builder(
                        "perfkit.cache.second.level.failures",
                        cache,
                        c -> c.stats().secondLevelFailureCount())
                .description("Second-level calls that failed or timed out")
                .tag("cache", name)
                .register(registry);
        Gauge.builder("perfkit.cache.size", cache, CacheAside::estimatedSize)
                .description("Entries in the local cache (estimate)")
                .tag("cache", name)
                .register(registry);
    }

    private void gets(MeterRegistry registry, String result, ToLongFunction<CacheStats> count) {
        counter(registry, "perfkit.cache.gets", "result", result, count, "Reads by result");
    }

    private void counter(
            MeterRegistry registry,
            String meter,
            String tag,
            String value,
            ToLongFunction<CacheStats> count,
            String description) {
        FunctionCounter.builder(meter, cache, c -> count.applyAsLong(c.stats()))
                .description(description)
                .tags("cache", name, tag, value)
                .register(registry);
    }
}
