package dev.perfkit.cache.internal;

import dev.perfkit.cache.CacheLoadException;
import dev.perfkit.cache.Loader;
import dev.perfkit.cache.spi.StoredValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * The miss path of single-key reads: claims the key's flight (single-flight), asks the second level, then the
 * loader, and completes the flight through {@link Completions}.
 */
final class Loads<K, V> {
    private final Parts<K, V> parts;
    private final Flights<K, V> flights;
    private final Completions<K, V> completions;
    private final LoaderCalls<K, V> calls;
    private final Executor executor;

    Loads(
            Parts<K, V> parts,
            Flights<K, V> flights,
            Completions<K, V> completions,
            LoaderCalls<K, V> calls,
            Executor executor) {
        this.parts = parts;
        this.flights = flights;
        this.completions = completions;
        this.calls = calls;
        this.executor = executor;
    }

    /** The miss path of a synchronous get: joins the key's flight or runs a new one in this thread. */
    @Nullable
    V load(K key, Loader<? super K, ? extends V> loader) {
        Flights.Claim<V> claim = flights.claim(key);
        return claim.mine() ? run(key, claim.flight(), loader) : Flights.await(key, claim.flight());
    }

    /** The miss path of an asynchronous get: joins the key's flight or runs a new one on the executor. */
    CompletableFuture<@Nullable V> loadAsync(K key, Loader<? super K, ? extends V> loader) {
        Flights.Claim<V> claim = flights.claim(key);
        Flight<V> flight = claim.flight();
        if (claim.mine()) {
            try {
                executor.execute(() -> runQuietly(key, flight, loader));
            } catch (RejectedExecutionException e) {
                flights.fail(key, flight, e);
            }
        }
        return Flights.view(key, flight);
    }

    private @Nullable V run(K key, Flight<V> flight, Loader<? super K, ? extends V> loader) {
        StoredValue<V> fromSecondLevel = parts.secondTier().get(key);
        if (fromSecondLevel != null) {
            V value = fromSecondLevel.value();
            completions.complete(key, flight, value, parts.tags().merge(flight.tags, fromSecondLevel.tags()), false);
            return value;
        }
        V value;
        try {
            value = calls.single(key, loader);
        } catch (Throwable t) {
            flights.fail(key, flight, t);
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new CacheLoadException(key, t);
        }
        completions.complete(key, flight, value, flight.tags, true);
        return value;
    }

    private void runQuietly(K key, Flight<V> flight, Loader<? super K, ? extends V> loader) {
        try {
            run(key, flight, loader);
        } catch (CacheLoadException alreadyDelivered) {
            // The flight's future carries the failure to every caller.
        }
    }
}
