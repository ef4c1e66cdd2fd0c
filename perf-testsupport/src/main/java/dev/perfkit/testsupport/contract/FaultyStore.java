package dev.perfkit.testsupport.contract;

import dev.perfkit.cache.spi.EntryScope;
import dev.perfkit.cache.spi.SecondLevelRead;
import dev.perfkit.cache.spi.SecondLevelStore;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Wraps a store and makes its reads and write-backs misbehave: throw, fail, hang, answer null or answer with
 * garbage tags. Either one fault for every call, or seeded random faults for stress runs. Invalidations are never
 * faulted: the promise only holds while the store confirms them.
 */
final class FaultyStore<K, V> implements SecondLevelStore<K, V> {
    /** How a faulted call misbehaves. */
    enum Fault {
        NONE,
        THROW,
        FAIL,
        HANG,
        NULL_FUTURE,
        NULL_READ,
        BAD_TAGS
    }

    private static final Fault[] RANDOM = {Fault.THROW, Fault.FAIL, Fault.NULL_READ, Fault.BAD_TAGS};

    private final SecondLevelStore<K, V> delegate;
    private final Random random;
    private final int percent;
    volatile Fault fault = Fault.NONE;

    /** Faults every read and write-back with {@link #fault}. */
    FaultyStore(SecondLevelStore<K, V> delegate) {
        this(delegate, new Random(0), 0);
    }

    /** Faults {@code percent} % of reads and write-backs at random, seeded. */
    FaultyStore(SecondLevelStore<K, V> delegate, Random random, int percent) {
        this.delegate = delegate;
        this.random = random;
        this.percent = percent;
    }

    private Fault next() {
        if (percent == 0) {
            return fault;
        }
        synchronized (random) {
            return random.nextInt(100) < percent ? RANDOM[random.nextInt(RANDOM.length)] : Fault.NONE;
        }
    }

    @Override
    @SuppressWarnings("NullAway") // returning null is the garbage under test
    public CompletableFuture<SecondLevelRead<V>> read(K key, EntryScope scope) {
        return switch (next()) {
            case NONE -> delegate.read(key, scope);
            case THROW -> throw new IllegalStateException("store threw on read of " + key);
            case FAIL -> CompletableFuture.failedFuture(new IllegalStateException("store failed read of " + key));
            case HANG -> new CompletableFuture<>();
            case NULL_FUTURE -> null;
            case NULL_READ -> CompletableFuture.completedFuture(null);
            case BAD_TAGS ->
                delegate.read(key, scope).thenApply(read -> {
                    V value = read.value();
                    return value == null
                            ? read
                            : SecondLevelRead.hit(value, Set.of("", "t".repeat(300)), read.version());
                });
        };
    }

    @Override
    @SuppressWarnings("NullAway") // returning null is the garbage under test
    public CompletableFuture<Boolean> putIfVersion(K key, V value, Duration ttl, EntryScope scope, long version) {
        return switch (next()) {
            case NONE, BAD_TAGS -> delegate.putIfVersion(key, value, ttl, scope, version);
            case THROW -> throw new IllegalStateException("store threw on write of " + key);
            case FAIL -> CompletableFuture.failedFuture(new IllegalStateException("store failed write of " + key));
            case HANG -> new CompletableFuture<>();
            case NULL_FUTURE -> null;
            case NULL_READ -> CompletableFuture.completedFuture(null);
        };
    }

    @Override
    public CompletableFuture<Void> put(K key, V value, Duration ttl, EntryScope scope) {
        return delegate.put(key, value, ttl, scope);
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
