package dev.perfkit.metrics;

import dev.perfkit.cache.redis.RedisCache;
import dev.perfkit.cache.redis.RedisStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * Binds the Redis tier of a perf-cache-redis {@link RedisCache} to Micrometer, read from its {@link RedisStats}.
 * Every meter carries the tag {@code cache}:
 *
 * <ul>
 *   <li>{@code perfkit.cache.redis.gets{result=hit|miss}}, {@code perfkit.cache.redis.errors} (failed or timed
 *       out commands) and {@code perfkit.cache.redis.decode.failures};
 *   <li>{@code perfkit.cache.redis.writes.refused{reason=fence|oversized}} and
 *       {@code perfkit.cache.redis.bytes{direction=read|written}};
 *   <li>{@code perfkit.cache.redis.invalidations{direction=sent|received}} and
 *       {@code perfkit.cache.redis.publish.failures};
 *   <li>{@code perfkit.cache.redis.sequence.gaps}, and the local flushes by cause
 *       {@code perfkit.cache.redis.l1.flushes{cause=sequence_gap|unparseable|resubscribe|silence}};
 *   <li>the cluster-wide single-flight's {@code perfkit.cache.redis.locks{result=taken|waited|timed_out|failed}}
 *       (locks taken, loads that waited for another instance's lock, waits that ran out, lock commands Redis did
 *       not answer).
 * </ul>
 *
 * {@snippet class=dev.perfkit.metrics.MetricsSnippets region=redis}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class RedisCacheMetrics implements MeterBinder {
    private final String name;
    private final RedisCache<?, ?> cache;

    private RedisCacheMetrics(String name, RedisCache<?, ?> cache) {
        this.name = name;
        this.cache = cache;
    }

    /**
     * A binder for {@code cache}'s Redis tier, tagged {@code cache=name}; bind its local tier with
     * {@link CacheMetrics#of} on {@link RedisCache#cache()} under the same name.
     *
     * @throws IllegalArgumentException if {@code name} is blank or longer than 100 characters
     */
    public static RedisCacheMetrics of(String name, RedisCache<?, ?> cache) {
        return new RedisCacheMetrics(Names.checked("cache name", name), Objects.requireNonNull(cache, "cache"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "perfkit.cache.redis.gets", RedisStats::hits, "result", "hit");
        counter(registry, "perfkit.cache.redis.gets", RedisStats::misses, "result", "miss");
        counter(registry, "perfkit.cache.redis.errors", RedisStats::failures);
        counter(registry, "perfkit.cache.redis.decode.failures", RedisStats::decodeFailures);
        counter(registry, "perfkit.cache.redis.writes.refused", RedisStats::refusedWrites, "reason", "fence");
        counter(registry, "perfkit.cache.redis.writes.refused", RedisStats::oversizedValues, "reason", "oversized");
        counter(registry, "perfkit.cache.redis.bytes", RedisStats::bytesRead, "direction", "read");
        counter(registry, "perfkit.cache.redis.bytes", RedisStats::bytesWritten, "direction", "written");
        counter(registry, "perfkit.cache.redis.invalidations", RedisStats::invalidationsSent, "direction", "sent");
        counter(
                registry,
                "perfkit.cache.redis.invalidations",
                RedisStats::invalidationsReceived,
                "direction",
                "received");
        counter(registry, "perfkit.cache.redis.publish.failures", RedisStats::publishFailures);
        counter(registry, "perfkit.cache.redis.sequence.gaps", RedisStats::sequenceGaps);
        counter(registry, "perfkit.cache.redis.l1.flushes", RedisStats::sequenceGaps, "cause", "sequence_gap");
        counter(registry, "perfkit.cache.redis.l1.flushes", RedisStats::unparseableMessages, "cause", "unparseable");
        counter(registry, "perfkit.cache.redis.l1.flushes", RedisStats::resubscribes, "cause", "resubscribe");
        counter(registry, "perfkit.cache.redis.l1.flushes", RedisStats::silences, "cause", "silence");
        counter(registry, "perfkit.cache.redis.locks", RedisStats::locksTaken, "result", "taken");
        counter(registry, "perfkit.cache.redis.locks", RedisStats::lockWaits, "result", "waited");
        counter(registry, "perfkit.cache.redis.locks", RedisStats::lockTimeouts, "result", "timed_out");
        counter(registry, "perfkit.cache.redis.locks", RedisStats::lockFailures, "result", "failed");
    }

    private void counter(MeterRegistry registry, String meter, ToLongFunction<RedisStats> count, String... tags) {
        FunctionCounter.builder(meter, cache, c -> count.applyAsLong(c.stats()))
                .tag("cache", name)
                .tags(tags)
                .register(registry);
    }
}
