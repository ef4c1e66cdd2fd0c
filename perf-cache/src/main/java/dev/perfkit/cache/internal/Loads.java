package dev.perfkit.cache.internal;

import dev.perfkit.cache.CacheLoadException;
import dev.perfkit.cache.Loader;
import dev.perfkit.cache.spi.SecondLevelRead;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The miss path of single-key reads: claims the key's flight (single-flight), reads the second level (which also
 * fences the write-back), then calls the loader, and completes the flight through {@link Completions}. Whatever
 * throws between the claim and the completion ends the flight, so the key never wedges.
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
        Flights.Claim<V> claim = flights.claim(key, true);
        return claim.mine() ? run(key, claim.flight(), loader) : Flights.await(key, claim.flight());
    }

    /**
     * Like {@link #load}, but a caller that joins another thread's flight waits at most {@code waitNanos}.
     *
     * @throws TimeoutException if the flight did not end in time; it keeps running and may still store its value
     */
    @Nullable
    V loadBounded(K key, Loader<? super K, ? extends V> loader, long waitNanos) throws TimeoutException {
        Flights.Claim<V> claim = flights.claim(key, true);
        if (claim.mine()) {
            return run(key, claim.flight(), loader);
        }
        try {
            return claim.flight().future.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw Flights.failure(key, Objects.requireNonNull(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheLoadException("interrupted while waiting for the load of key " + key, e);
        }
    }

    /** The miss path of an asynchronous get: joins the key's flight or runs a new one on the executor. */
    CompletableFuture<@Nullable V> loadAsync(K key, Loader<? super K, ? extends V> loader) {
        Flights.Claim<V> claim = flights.claim(key, false);
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
        flight.owner = Thread.currentThread();
        try {
            SecondLevelRead<V> read = readSecondLevel(key, flight);
            V stored = read == null ? null : read.value();
            if (read != null && stored != null) {
                String[] tags = Tags.mergeUntrusted(flight.tags, read.tags(), parts.stats());
                flight.tags = tags; // stays flagged as tagsFromSecondLevel
                completions.complete(key, flight, stored, tags);
                return stored;
            }
            V value;
            try {
                value = calls.single(key, loader);
            } catch (Throwable t) {
                flights.fail(key, flight, t);
                if (t instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw Flights.failure(key, t);
            }
            completions.complete(key, flight, value, flight.tags);
            return value;
        } catch (Throwable e) { // whatever it is, even a sneaky checked one: end the flight, rethrow
            flights.endIfOpen(key, flight, e);
            throw e;
        } finally {
            flight.owner = null;
        }
    }

    /**
     * Reads the second level and, on a miss, arms the flight's write-back with the fence version read. Until the
     * read returns, the flight counts as carrying tags from the second level (see {@link Flight#isValid}).
     */
    private @Nullable SecondLevelRead<V> readSecondLevel(K key, Flight<V> flight) {
        SecondLevelRead<V> read = parts.secondTier().read(key, SecondTier.scope(flight.namespace, flight.tags));
        if (read == null || read.value() == null) {
            flight.tagsFromSecondLevel = false; // the value will be loaded, with the key's own tags
        }
        if (read != null && read.value() == null) {
            flight.fence = read.version();
            flight.fenced = true;
        }
        return read;
    }

    private void runQuietly(K key, Flight<V> flight, Loader<? super K, ? extends V> loader) {
        try {
            run(key, flight, loader);
        } catch (RuntimeException alreadyDelivered) {
            // The flight's future carries the failure to every caller.
        }
    }
}
