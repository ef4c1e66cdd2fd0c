package dev.perfkit.cache;

/**
 * The entry point of perf-cache: {@code PerfCache.builder()} configures and builds a {@link CacheAside}.
 *
 * <pre>{@code
 * CacheAside<Long, User> users = PerfCache.<Long, User>builder()
 *     .maximumSize(10_000)
 *     .expireAfterWrite(Duration.ofMinutes(10))
 *     .refreshAfter(Duration.ofMinutes(1))
 *     .staleIfError(Duration.ofMinutes(5))
 *     .build();
 * }</pre>
 */
public final class PerfCache {
    private PerfCache() {}

    /**
     * Returns a new builder with no size bound, no expiry, no refresh and no negative caching.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static <K, V> CacheAsideBuilder<K, V> builder() {
        return new CacheAsideBuilder<>();
    }
}
