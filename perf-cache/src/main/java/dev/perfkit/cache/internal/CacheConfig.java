package dev.perfkit.cache.internal;

import dev.perfkit.cache.CacheEventListener;
import dev.perfkit.cache.Ticker;
import dev.perfkit.cache.spi.InvalidationBus;
import dev.perfkit.cache.spi.SecondLevelStore;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongBiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The validated settings of one cache, handed from the public builder to the implementation.
 *
 * <p>Durations are in nanoseconds; {@code 0} means "not set" for optional policies.
 */
public record CacheConfig<K, V>(
        String name,
        long maximumSize,
        long maximumWeight,
        @Nullable ToLongBiFunction<? super K, ? super V> weigher,
        long expireAfterWriteNanos,
        long expireAfterAccessNanos,
        double jitter,
        @Nullable BiFunction<? super K, ? super V, @Nullable Duration> ttlFromValue,
        long refreshAfterNanos,
        long staleIfErrorNanos,
        long negativeTtlNanos,
        @Nullable Function<? super K, String> namespaceOf,
        @Nullable Function<? super K, ? extends Collection<String>> tagsOf,
        Ticker ticker,
        Executor executor,
        CacheEventListener listener,
        @Nullable SecondLevelStore<K, V> secondLevel,
        @Nullable InvalidationBus<K> bus,
        long secondLevelTimeoutNanos,
        long loadTimeoutNanos,
        boolean recordStats) {

    /** Whether Caffeine needs a per-entry expiry at all; without it the hit path skips every clock read. */
    boolean needsExpiry() {
        return expireAfterWriteNanos > 0 || expireAfterAccessNanos > 0 || ttlFromValue != null || negativeTtlNanos > 0;
    }
}
