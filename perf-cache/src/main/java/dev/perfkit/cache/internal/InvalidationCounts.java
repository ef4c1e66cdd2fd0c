package dev.perfkit.cache.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts invalidations as they begin, so a load can tell whether one began while it ran even when it could not be
 * reached by it: tags read from the second level, and the extra entries a bulk loader returns, had no flight a tag
 * or key invalidation could detach. Each invalidation increments before it detaches and drops; a store checks under
 * the key's lock, after indexing its entry, so either the store sees the increment or the invalidation sees the
 * entry.
 */
final class InvalidationCounts {
    private final AtomicLong tags = new AtomicLong();
    private final AtomicLong any = new AtomicLong();

    void tagInvalidationBegins() {
        tags.incrementAndGet();
        any.incrementAndGet();
    }

    void invalidationBegins() {
        any.incrementAndGet();
    }

    long tags() {
        return tags.get();
    }

    long any() {
        return any.get();
    }
}
