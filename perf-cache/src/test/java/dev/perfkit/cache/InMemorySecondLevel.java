package dev.perfkit.cache;

import dev.perfkit.cache.spi.EntryScope;
import dev.perfkit.cache.spi.SecondLevelRead;
import dev.perfkit.cache.spi.SecondLevelStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The second-level protocol in a map, under one lock (as a Redis Lua script runs atomically): counters per key,
 * namespace and tag and for everything; a stored value remembers the counters it was written under and is read only
 * while they are unchanged. Test hooks widen race windows; our own SPI, not a stand-in for Redis.
 */
public class InMemorySecondLevel<K, V> implements SecondLevelStore<K, V> {
    /** A stored value with its scope and the counters of that scope when it was written. */
    public record Stored<V>(
            V value,
            Duration ttl,
            Set<String> tags,
            @Nullable String namespace,
            long written) {}

    public final Map<K, Stored<V>> data = new ConcurrentHashMap<>();
    private final Map<Object, Long> counters = new HashMap<>();
    public final AtomicInteger gets = new AtomicInteger();
    public final AtomicInteger bulkGets = new AtomicInteger();
    public volatile boolean down;
    /** Runs after a read took its value and before it returns it; tests block here to widen a race window. */
    public volatile Runnable afterRead = () -> {};
    /** Runs before a write is applied. */
    public volatile Runnable beforeWrite = () -> {};
    /** Runs after a write was attempted and before its future completes. */
    public volatile Runnable afterWrite = () -> {};
    /** When set, reads return a future that never completes, as a hung store would. */
    public volatile boolean hung;
    /** Runs before a key's invalidation changes anything. */
    public volatile Runnable beforeInvalidate = () -> {};

    /** Stores a raw value, bypassing every check, as a corrupt or foreign writer would. */
    public synchronized void corrupt(K key, V value, Set<String> tags) {
        data.put(key, new Stored<>(value, Duration.ofMinutes(1), tags, null, written(null, tags)));
    }

    @Override
    public CompletableFuture<SecondLevelRead<V>> read(K key, EntryScope scope) {
        gets.incrementAndGet();
        if (down) {
            return CompletableFuture.failedFuture(new IllegalStateException("store down"));
        }
        if (hung) {
            return new CompletableFuture<>();
        }
        SecondLevelRead<V> read;
        synchronized (this) {
            long version = fence(key, scope);
            Stored<V> stored = data.get(key);
            read = stored == null || stored.written() != written(stored.namespace(), stored.tags())
                    ? SecondLevelRead.miss(version)
                    : SecondLevelRead.hit(stored.value(), stored.tags(), version);
        }
        afterRead.run();
        return CompletableFuture.completedFuture(read);
    }

    /** Counts batch reads, then uses the SPI's default (one read per key), as a store without MGET would. */
    @Override
    public CompletableFuture<Map<K, SecondLevelRead<V>>> readAll(Map<K, EntryScope> keys) {
        bulkGets.incrementAndGet();
        return SecondLevelStore.super.readAll(keys);
    }

    @Override
    public CompletableFuture<Boolean> putIfVersion(K key, V value, Duration ttl, EntryScope scope, long version) {
        beforeWrite.run();
        boolean stored;
        synchronized (this) {
            stored = fence(key, scope) == version;
            if (stored) {
                data.put(key, stored(value, ttl, scope));
            }
        }
        afterWrite.run();
        return CompletableFuture.completedFuture(stored);
    }

    @Override
    public CompletableFuture<Void> put(K key, V value, Duration ttl, EntryScope scope) {
        beforeWrite.run();
        synchronized (this) {
            bump(new KeyCounter(key));
            data.put(key, stored(value, ttl, scope));
        }
        afterWrite.run();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> invalidate(K key) {
        beforeInvalidate.run();
        synchronized (this) {
            bump(new KeyCounter(key));
            data.remove(key);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> invalidateTag(String tag) {
        bump("tag:" + tag);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> invalidateNamespace(String namespace) {
        bump("ns:" + namespace);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> invalidateAll() {
        bump("all");
        data.clear();
        return CompletableFuture.completedFuture(null);
    }

    /** Returns whether a value is stored and still readable for {@code key}. */
    public synchronized boolean holds(K key) {
        Stored<V> stored = data.get(key);
        return stored != null && stored.written() == written(stored.namespace(), stored.tags());
    }

    private Stored<V> stored(V value, Duration ttl, EntryScope scope) {
        return new Stored<>(value, ttl, scope.tags(), scope.namespace(), written(scope.namespace(), scope.tags()));
    }

    private long fence(K key, EntryScope scope) {
        return counter(new KeyCounter(key)) + written(scope.namespace(), scope.tags());
    }

    /** The sum of the counters a stored value depends on; it changes whenever one of them does. */
    private long written(@Nullable String namespace, Set<String> tags) {
        long sum = counter("all") + (namespace == null ? 0 : counter("ns:" + namespace));
        for (String tag : tags) {
            sum += counter("tag:" + tag);
        }
        return sum;
    }

    private long counter(Object name) {
        return counters.getOrDefault(name, 0L);
    }

    private void bump(Object name) {
        counters.merge(name, 1L, Long::sum);
    }

    private record KeyCounter(Object key) {}
}
