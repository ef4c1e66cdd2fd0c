package dev.perfkit.cache.internal;

import dev.perfkit.cache.Ticker;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a flight: stores its result unless an invalidation detached it (checked under the key's lock in the cache
 * map, the same lock every invalidation takes), writes loaded values back to the second level, then releases the
 * key and answers the waiting callers.
 */
final class Completions<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(Completions.class);

    private final ConcurrentMap<K, Entry<V>> map;
    private final Parts<K, V> parts;
    private final Flights<K, V> flights;
    private final Ticker ticker;

    Completions(ConcurrentMap<K, Entry<V>> map, Parts<K, V> parts, Flights<K, V> flights, Ticker ticker) {
        this.map = map;
        this.parts = parts;
        this.flights = flights;
        this.ticker = ticker;
    }

    static boolean isAbsent(@Nullable Object value) {
        return value == null || (value instanceof Optional<?> optional && optional.isEmpty());
    }

    /** Stores the result (unless detached), then releases the key and answers the waiting callers. */
    void complete(K key, Flight<V> flight, @Nullable V value, String[] tags, boolean writeBack) {
        try {
            long now = ticker.read();
            Entry<V> stored = store(key, flight, value, tags, now);
            if (stored != null && writeBack && !stored.absent) {
                CompletableFuture<Void> unused = parts.secondTier()
                        .put(key, Objects.requireNonNull(value), stored, now)
                        .thenRun(() -> {
                            if (flight.detached) {
                                parts.secondTier()
                                        .invalidate(key); // invalidated while writing back: do not leave it there
                            }
                        });
            }
        } catch (RuntimeException e) {
            LOG.warn("storing the value of {} failed; returned but not cached", key, e);
        } finally {
            flights.release(key, flight);
            flight.future.complete(value);
        }
    }

    private @Nullable Entry<V> store(K key, Flight<V> flight, @Nullable V value, String[] tags, long now) {
        Entry<V> entry =
                parts.ttl().newEntry(key, value, isAbsent(value), flight.namespace, flight.namespaceEpoch, tags, now);
        boolean indexed = entry != null && entry.tags.length > 0;
        if (indexed) {
            parts.tagIndex()
                    .add(
                            key,
                            Objects.requireNonNull(
                                    entry)); // before the store, so a concurrent tag invalidation finds it
        }
        boolean[] stored = {false};
        map.compute(key, (k, old) -> {
            if (!flight.mayStore()) {
                return old;
            }
            stored[0] = entry != null;
            return entry;
        });
        if (indexed && !stored[0]) {
            parts.tagIndex().remove(Objects.requireNonNull(entry));
        }
        return stored[0] ? entry : null;
    }
}
