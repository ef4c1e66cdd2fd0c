package dev.perfkit.cache.internal;

import dev.perfkit.cache.spi.SecondLevelStore;
import dev.perfkit.cache.spi.StoredValue;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to the optional {@link SecondLevelStore}; with none configured every call is a no-op. A store failure is
 * logged and treated as a miss, so an outage degrades to a local cache instead of failing reads.
 */
final class SecondTier<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(SecondTier.class);

    private final @Nullable SecondLevelStore<K, V> store;

    SecondTier(@Nullable SecondLevelStore<K, V> store) {
        this.store = store;
    }

    /** Returns the stored value, or {@code null} when absent, unavailable or not configured. */
    @Nullable
    StoredValue<V> get(K key) {
        if (store == null) {
            return null;
        }
        try {
            return store.get(key).join();
        } catch (RuntimeException e) {
            LOG.warn("second-level get of {} failed; loading instead", key, e);
            return null;
        }
    }

    /** Returns the stored values of {@code keys} in one batch; an empty map when unavailable or not configured. */
    Map<K, StoredValue<V>> getAll(Set<K> keys) {
        if (store == null) {
            return Map.of();
        }
        try {
            return store.getAll(Collections.unmodifiableSet(keys)).join();
        } catch (RuntimeException e) {
            LOG.warn("second-level get of {} failed; loading instead", keys, e);
            return Map.of();
        }
    }

    /** Writes a present value with its remaining time to live; a no-op for values that never expire locally. */
    CompletableFuture<Void> put(K key, V value, Entry<V> entry, long now) {
        if (store == null) {
            return CompletableFuture.completedFuture(null);
        }
        long ttl = entry.expiresAt == Long.MAX_VALUE ? Long.MAX_VALUE : entry.expiresAt - now;
        if (ttl <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        String namespace = entry.namespace.name;
        return quietly(
                "put of " + key,
                () -> store.put(key, value, Duration.ofNanos(ttl), Set.copyOf(List.of(entry.tags)), namespace));
    }

    void invalidate(K key) {
        if (store != null) {
            CompletableFuture<Void> unused = quietly("invalidate of " + key, () -> store.invalidate(key));
        }
    }

    void invalidateTag(String tag) {
        if (store != null) {
            CompletableFuture<Void> unused = quietly("invalidate of tag " + tag, () -> store.invalidateTag(tag));
        }
    }

    void invalidateNamespace(String namespace) {
        if (store != null) {
            CompletableFuture<Void> unused =
                    quietly("invalidate of namespace " + namespace, () -> store.invalidateNamespace(namespace));
        }
    }

    void invalidateAll() {
        if (store != null) {
            CompletableFuture<Void> unused = quietly("invalidateAll", store::invalidateAll);
        }
    }

    private static CompletableFuture<Void> quietly(String what, Supplier<CompletableFuture<Void>> call) {
        try {
            return call.get().exceptionally(e -> {
                LOG.warn("second-level {} failed", what, e);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("second-level {} failed", what, e);
            return CompletableFuture.completedFuture(null);
        }
    }
}
