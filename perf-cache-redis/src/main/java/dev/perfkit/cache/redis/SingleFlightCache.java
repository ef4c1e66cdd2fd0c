package dev.perfkit.cache.redis;

import dev.perfkit.cache.AfterCommit;
import dev.perfkit.cache.BulkLoader;
import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.CacheStats;
import dev.perfkit.cache.Loader;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The cache a {@link RedisCache} with cluster single-flight hands out: {@link #get} and {@link #getAsync} run their
 * loader under the key's Redis lock ({@link ClusterSingleFlight}); everything else goes straight to perf-cache.
 * Bulk loads ({@code getAll}) take no lock: one lock per key of a batch would serialise whole batches.
 */
final class SingleFlightCache<K, V> implements CacheAside<K, V> {
    private final CacheAside<K, V> cache;
    private final ClusterSingleFlight<K, V> flight;

    SingleFlightCache(CacheAside<K, V> cache, ClusterSingleFlight<K, V> flight) {
        this.cache = cache;
        this.flight = flight;
    }

    @Override
    public @Nullable V get(K key, Loader<? super K, ? extends V> loader) {
        ClusterSingleFlight.Call call = new ClusterSingleFlight.Call();
        try {
            return cache.get(key, flight.wrap(loader, call));
        } finally {
            flight.releaseLeftover(call);
        }
    }

    @Override
    public CompletableFuture<@Nullable V> getAsync(K key, Loader<? super K, ? extends V> loader) {
        ClusterSingleFlight.Call call = new ClusterSingleFlight.Call();
        CompletableFuture<@Nullable V> value = cache.getAsync(key, flight.wrap(loader, call));
        var unused = value.whenComplete((done, error) -> flight.releaseLeftover(call));
        return value;
    }

    @Override
    public @Nullable V getIfPresent(K key) {
        return cache.getIfPresent(key);
    }

    @Override
    public Map<K, V> getAll(Collection<? extends K> keys, BulkLoader<K, ? extends V> loader) {
        return cache.getAll(keys, loader);
    }

    @Override
    public CompletableFuture<Map<K, V>> getAllAsync(Collection<? extends K> keys, BulkLoader<K, ? extends V> loader) {
        return cache.getAllAsync(keys, loader);
    }

    @Override
    public void put(K key, V value, Collection<String> tags) {
        cache.put(key, value, tags);
    }

    @Override
    public void put(K key, V value) {
        cache.put(key, value);
    }

    @Override
    public void invalidate(K key) {
        cache.invalidate(key);
    }

    @Override
    public void invalidateTag(String tag) {
        cache.invalidateTag(tag);
    }

    @Override
    public void invalidateNamespace(String namespace) {
        cache.invalidateNamespace(namespace);
    }

    @Override
    public void invalidateAll() {
        cache.invalidateAll();
    }

    @Override
    public AfterCommit<K> afterCommit() {
        return cache.afterCommit();
    }

    @Override
    public CacheStats stats() {
        return cache.stats();
    }

    @Override
    public long estimatedSize() {
        return cache.estimatedSize();
    }

    @Override
    public void cleanUp() {
        cache.cleanUp();
    }

    @Override
    public void close() {
        cache.close();
    }

    @Override
    public String toString() {
        return cache + " with cluster single-flight";
    }
}
