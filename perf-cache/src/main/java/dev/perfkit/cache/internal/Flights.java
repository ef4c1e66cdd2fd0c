package dev.perfkit.cache.internal;

import dev.perfkit.cache.CacheLoadException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The registry of loads in flight, one per key (single-flight): claiming a key either joins the running flight
 * or registers a new one; invalidations and the load timeout detach flights so their results are not stored.
 */
final class Flights<K, V> {
    /** The outcome of a claim: the flight to wait on and whether this caller must run it. */
    record Claim<V>(Flight<V> flight, boolean mine) {}

    private final ConcurrentHashMap<K, Flight<V>> inFlight = new ConcurrentHashMap<>();
    private final ConcurrentMap<K, Entry<V>> map;
    private final Parts<K, V> parts;
    private final long loadTimeoutNanos;

    Flights(ConcurrentMap<K, Entry<V>> map, Parts<K, V> parts, long loadTimeoutNanos) {
        this.map = map;
        this.parts = parts;
        this.loadTimeoutNanos = loadTimeoutNanos;
    }

    /**
     * Joins the key's joinable flight or registers a new one. A value stored between the caller's miss and the
     * registration completes the new flight at once and is returned as not {@code mine}.
     *
     * @param blocking whether the caller will wait for the flight in this thread
     * @throws IllegalStateException if a blocking caller would wait for a flight its own thread runs
     */
    Claim<V> claim(K key, boolean blocking) {
        for (; ; ) {
            Flight<V> flight = inFlight.get(key);
            if (flight != null) {
                if (flight.isValid(parts.counts())) {
                    if (blocking && flight.owner == Thread.currentThread()) {
                        throw new IllegalStateException("recursive load of key " + key
                                + ": its loader asked the cache for the same key, which would wait for itself forever");
                    }
                    return new Claim<>(flight, false);
                }
                abandon(key, flight);
                continue;
            }
            Flight<V> mine = new Flight<>(
                    parts.namespaces().of(key), parts.tags().of(key, List.of()), false, 0L, parts.counts());
            mine.tagsFromSecondLevel = parts.secondTier().isConfigured(); // until its read returns
            mine.tagsFromValue = parts.tagsOfValue() != null;
            if (inFlight.putIfAbsent(key, mine) != null) {
                continue;
            }
            Entry<V> entry = map.get(key);
            if (entry != null
                    && entry.isCurrent()
                    && !entry.isExpired(parts.clock().read())) {
                inFlight.remove(key, mine);
                mine.future.complete(entry.value);
                return new Claim<>(mine, false);
            }
            if (loadTimeoutNanos > 0) {
                ScheduledFuture<?> timer = LoadTimeouts.schedule(() -> timeOut(key, mine), loadTimeoutNanos);
                var unused = mine.future.whenComplete((value, error) -> timer.cancel(false));
            }
            return new Claim<>(mine, true);
        }
    }

    /** Ends a flight that outlived the load timeout: detached under the key's lock, then failed for its waiters. */
    private void timeOut(K key, Flight<V> flight) {
        boolean[] timedOut = {false};
        KeepEntry.compute(map, key, old -> {
            if (!flight.future.isDone()) {
                abandon(key, flight);
                timedOut[0] = true;
            }
            return KeepEntry.keep(old);
        });
        if (timedOut[0]) {
            parts.stats().loadTimedOut();
            flight.future.completeExceptionally(new TimeoutException(
                    "the load of key " + key + " did not finish within " + Duration.ofNanos(loadTimeoutNanos)));
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

    /** Ends a flight that some failure left open, so its key never wedges; a no-op for an ended one. */
    void endIfOpen(K key, Flight<V> flight, Throwable error) {
        if (!flight.future.isDone() || inFlight.get(key) == flight) {
            fail(key, flight, error);
        }
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

    /** Waits for a flight; an {@link Error} of the loader is rethrown as is, anything else as a load failure. */
    static <K, V> @Nullable V await(K key, Flight<V> flight) {
        try {
            return flight.future.get();
        } catch (ExecutionException e) {
            throw failure(key, Objects.requireNonNull(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheLoadException("interrupted while waiting for the load of key " + key, e);
        }
    }

    static <K, V> CompletableFuture<@Nullable V> view(K key, Flight<V> flight) {
        return flight.future.handle((value, error) -> {
            if (error != null) {
                throw new CompletionException(failure(key, error));
            }
            return value;
        });
    }

    /** Returns what a caller sees of a loader's failure: an {@link Error} as is, anything else wrapped. */
    static RuntimeException failure(Object key, Throwable error) {
        if (error instanceof Error e) {
            throw e;
        }
        if (error instanceof CacheLoadException e) {
            return e;
        }
        return new CacheLoadException(key, error);
    }
}
