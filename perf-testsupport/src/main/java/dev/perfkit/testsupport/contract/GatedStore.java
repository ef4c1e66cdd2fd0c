package dev.perfkit.testsupport.contract;

import dev.perfkit.cache.spi.EntryScope;
import dev.perfkit.cache.spi.SecondLevelRead;
import dev.perfkit.cache.spi.SecondLevelStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Wraps a store with hooks that run in the calling thread (never on the store's I/O threads), so a test can hold a
 * read or a write at an exact point: after the read got its answer, before a write is sent, after its answer came.
 */
final class GatedStore<K, V> implements SecondLevelStore<K, V> {
    private final SecondLevelStore<K, V> delegate;
    volatile Runnable afterRead = () -> {};
    volatile Runnable beforeWrite = () -> {};
    volatile Runnable afterWrite = () -> {};

    GatedStore(SecondLevelStore<K, V> delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<SecondLevelRead<V>> read(K key, EntryScope scope) {
        SecondLevelRead<V> read = delegate.read(key, scope).join();
        afterRead.run();
        return CompletableFuture.completedFuture(read);
    }

    @Override
    public CompletableFuture<Boolean> putIfVersion(K key, V value, Duration ttl, EntryScope scope, long version) {
        beforeWrite.run();
        Boolean stored = delegate.putIfVersion(key, value, ttl, scope, version).join();
        afterWrite.run();
        return CompletableFuture.completedFuture(stored);
    }

    @Override
    public CompletableFuture<Void> put(K key, V value, Duration ttl, EntryScope scope) {
        beforeWrite.run();
        delegate.put(key, value, ttl, scope).join();
        afterWrite.run();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> invalidate(K key) {
        return delegate.invalidate(key);
    }

    @Override
    public CompletableFuture<Void> invalidateTag(String tag) {
        return delegate.invalidateTag(tag);
    }

    @Override
    public CompletableFuture<Void> invalidateNamespace(String namespace) {
        return delegate.invalidateNamespace(namespace);
    }

    @Override
    public CompletableFuture<Void> invalidateAll() {
        return delegate.invalidateAll();
    }
}
