package dev.perfkit.cache;

import dev.perfkit.cache.spi.SecondLevelStore;
import dev.perfkit.cache.spi.StoredValue;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** A second level in a map: enough to test the SPI contract (our own SPI, not a stand-in for Redis). */
final class InMemorySecondLevel<K, V> implements SecondLevelStore<K, V> {
    record Stored<V>(
            V value,
            Duration ttl,
            Set<String> tags,
            @Nullable String namespace) {}

    final Map<K, Stored<V>> data = new ConcurrentHashMap<>();
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger bulkGets = new AtomicInteger();
    volatile boolean down;

    @Override
    public CompletableFuture<@Nullable StoredValue<V>> get(K key) {
        gets.incrementAndGet();
        if (down) {
            return CompletableFuture.failedFuture(new IllegalStateException("store down"));
        }
        Stored<V> stored = data.get(key);
        return CompletableFuture.completedFuture(
                stored == null ? null : new StoredValue<>(stored.value(), stored.tags()));
    }

    /** Counts batch reads, then uses the SPI's default (one get per key), as a store without MGET would. */
    @Override
    public CompletableFuture<Map<K, StoredValue<V>>> getAll(Set<K> keys) {
        bulkGets.incrementAndGet();
        return SecondLevelStore.super.getAll(keys);
    }

    @Override
    public CompletableFuture<Void> put(K key, V value, Duration ttl, Set<String> tags, @Nullable String namespace) {
        data.put(key, new Stored<>(value, ttl, tags, namespace));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> invalidate(K key) {
        data.remove(key);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> invalidateTag(String tag) {
        data.values().removeIf(stored -> stored.tags().contains(tag));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> invalidateNamespace(String namespace) {
        data.values().removeIf(stored -> namespace.equals(stored.namespace()));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> invalidateAll() {
        data.clear();
        return CompletableFuture.completedFuture(null);
    }
}
