package dev.perfkit.cache.internal;

import dev.perfkit.cache.CacheLoadException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * The registry of loads in flight, one per key (single-flight): claiming a key either joins the running flight
 * or registers a new one; invalidations detach flights so their results are not stored.
 */
final class Flights<K, V> {
    /** The outcome of a claim: the flight to wait on and whether this caller must run it. */
    record Claim<V>(Flight<V> flight, boolean mine) {}

    private final ConcurrentHashMap<K, Flight<V>> inFlight = new ConcurrentHashMap<>();
    private final ConcurrentMap<K, Entry<V>> map;
    private final Parts<K, V> parts;

    Flights(ConcurrentMap<K, Entry<V>> map, Parts<K, V> parts) {
        this.map = map;
        this.parts = parts;
    }

    /**
     * Joins the key's joinable flight or registers a new one. A value stored between the caller's miss and the
     * registration completes the new flight at once and is returned as not {@code mine}.
     */
    Claim<V> claim(K key) {
        for (; ; ) {
            Flight<V> flight = inFlight.get(key);
            if (flight != null) {
                if (flight.isJoinable()) {
                    return new Claim<>(flight, false);
                }
                abandon(key, flight);
                continue;
            }
            Flight<V> mine =
                    new Flight<>(parts.namespaces().of(key), parts.tags().of(key, List.of()), false, 0L);
            if (inFlight.putIfAbsent(key, mine) != null) {
                continue;
            }
            Entry<V> entry = map.get(key);
            if (entry != null && entry.isCurrent()) {
                inFlight.remove(key, mine);
                mine.future.complete(entry.value);
                return new Claim<>(mine, false);
            }
            return new Claim<>(mine, true);
        }
    }

    @Nullable
    Flight<V> get(K key) {
        return inFlight.get(key);
    }

    /** Registers a refresh flight unless another flight holds the key; returns whether it was registered. */
    boolean register(K key, Flight<V> flight) {
        return inFlight.putIfAbsent(key, flight) == null;
    }

    /** Releases the key if {@code flight} still holds it. */
    void release(K key, Flight<V> flight) {
        inFlight.remove(key, flight);
    }

    void fail(K key, Flight<V> flight, Throwable error) {
        inFlight.remove(key, flight);
        flight.future.completeExceptionally(error);
    }

    /** Detaches the flight: its result will not be stored and later callers start a new load. */
    void abandon(K key, Flight<V> flight) {
        flight.detached = true;
        inFlight.remove(key, flight);
    }

    /** Detaches the key's flight; the caller holds the key's lock in the cache map. */
    void detachUnderLock(K key) {
        Flight<V> flight = inFlight.get(key);
        if (flight != null) {
            abandon(key, flight);
        }
    }

    List<Map.Entry<K, Flight<V>>> snapshot() {
        return List.copyOf(inFlight.entrySet());
    }

    static <K, V> @Nullable V await(K key, Flight<V> flight) {
        try {
            return flight.future.get();
        } catch (ExecutionException e) {
            throw new CacheLoadException(key, Objects.requireNonNull(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheLoadException("interrupted while waiting for the load of key " + key, e);
        }
    }

    static <K, V> CompletableFuture<@Nullable V> view(K key, Flight<V> flight) {
        return flight.future.handle((value, error) -> {
            if (error != null) {
                throw new CompletionException(new CacheLoadException(key, error));
            }
            return value;
        });
    }
}
