package dev.perfkit.cache.internal;

import dev.perfkit.cache.BulkLoader;
import dev.perfkit.cache.CacheLoadException;
import dev.perfkit.cache.spi.StoredValue;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The miss path of bulk reads: claims a flight per key (joining flights already running, so a key is loaded once
 * whether get or getAll asked), asks the second level for the claimed keys in one batch, then makes one bulk
 * loader call for what remains. Each key's flight is completed through {@link Completions}, so an invalidation
 * during the bulk load keeps that key's value out of the cache.
 */
final class BulkLoads<K, V> {
    private final Parts<K, V> parts;
    private final Flights<K, V> flights;
    private final Completions<K, V> completions;
    private final LoaderCalls<K, V> calls;
    private final Executor executor;

    BulkLoads(
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

    /** Loads the missing keys in this thread, waiting for flights other callers run. */
    Map<K, V> loadAll(Set<K> missing, BulkLoader<K, ? extends V> loader) {
        Map<K, Flight<V>> all = new LinkedHashMap<>();
        Map<K, Flight<V>> mine = new LinkedHashMap<>();
        claimAll(missing, all, mine);
        if (!mine.isEmpty()) {
            run(mine, loader);
        }
        Map<K, V> result = new HashMap<>();
        all.forEach((key, flight) -> {
            V value = Flights.await(key, flight);
            if (!Completions.isAbsent(value)) {
                result.put(key, value);
            }
        });
        return result;
    }

    /** Loads the missing keys on the executor; no thread waits for flights other callers run. */
    CompletableFuture<Map<K, V>> loadAllAsync(Set<K> missing, BulkLoader<K, ? extends V> loader) {
        Map<K, Flight<V>> all = new LinkedHashMap<>();
        Map<K, Flight<V>> mine = new LinkedHashMap<>();
        claimAll(missing, all, mine);
        if (!mine.isEmpty()) {
            try {
                executor.execute(() -> runQuietly(mine, loader));
            } catch (RejectedExecutionException e) {
                mine.forEach((key, flight) -> flights.fail(key, flight, e));
            }
        }
        Map<K, CompletableFuture<?>> views = new LinkedHashMap<>();
        all.forEach((key, flight) -> views.put(key, Flights.view(key, flight)));
        return CompletableFuture.allOf(views.values().toArray(CompletableFuture<?>[]::new))
                .thenApply(done -> {
                    Map<K, V> result = new HashMap<>();
                    all.forEach((key, flight) -> {
                        V value = flight.future.join();
                        if (!Completions.isAbsent(value)) {
                            result.put(key, value);
                        }
                    });
                    return result;
                });
    }

    private void claimAll(Set<K> missing, Map<K, Flight<V>> all, Map<K, Flight<V>> mine) {
        for (K key : missing) {
            Flights.Claim<V> claim = flights.claim(key);
            all.put(key, claim.flight());
            if (claim.mine()) {
                mine.put(key, claim.flight());
            }
        }
    }

    private void run(Map<K, Flight<V>> mine, BulkLoader<K, ? extends V> loader) {
        Map<K, StoredValue<V>> fromSecondLevel = parts.secondTier().getAll(mine.keySet());
        Map<K, Flight<V>> rest = new LinkedHashMap<>();
        mine.forEach((key, flight) -> {
            StoredValue<V> stored = fromSecondLevel.get(key);
            if (stored == null) {
                rest.put(key, flight);
            } else {
                completions.complete(
                        key, flight, stored.value(), parts.tags().merge(flight.tags, stored.tags()), false);
            }
        });
        if (rest.isEmpty()) {
            return;
        }
        Map<K, ? extends V> loaded;
        try {
            loaded = calls.bulk(rest.keySet(), loader);
        } catch (Throwable t) {
            rest.forEach((key, flight) -> flights.fail(key, flight, t));
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new CacheLoadException("loading keys " + rest.keySet() + " failed: " + t, t);
        }
        rest.forEach((key, flight) -> completions.complete(key, flight, loaded.get(key), flight.tags, true));
    }

    private void runQuietly(Map<K, Flight<V>> mine, BulkLoader<K, ? extends V> loader) {
        try {
            run(mine, loader);
        } catch (CacheLoadException alreadyDelivered) {
            // Each flight's future carries the failure to its callers.
        }
    }
}
