package dev.perfkit.cache;

/**
 * Why the cache dropped an entry on its own (not through an invalidation).
 *
 * <pre>{@code
 * long bySize = cache.stats().evictions(EvictionCause.SIZE);
 * }</pre>
 */
public enum EvictionCause {
    /** The maximum size or weight was reached. */
    SIZE,
    /** The entry's time to live or time to idle elapsed. */
    EXPIRED
}
