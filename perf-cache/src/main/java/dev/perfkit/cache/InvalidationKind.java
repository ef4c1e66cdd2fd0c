package dev.perfkit.cache;

/**
 * What an invalidation targeted; used in {@link CacheStats} and {@link CacheEventListener}.
 *
 * <pre>{@code
 * long tagDrops = cache.stats().invalidations(InvalidationKind.TAG);
 * }</pre>
 */
public enum InvalidationKind {
    /** One key. */
    KEY,
    /** Every entry carrying a tag. */
    TAG,
    /** Every entry of a namespace, through an O(1) epoch bump. */
    NAMESPACE,
    /** The whole cache. */
    ALL,
    /** The whole local tier, because invalidation messages from other instances may have been lost. */
    FLUSH
}
