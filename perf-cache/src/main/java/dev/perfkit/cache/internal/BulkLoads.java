package dev.perfkit.cache.internal;

import dev.perfkit.cache.BulkLoader;
import dev.perfkit.cache.CacheLoadException;
import dev.perfkit.cache.spi.EntryScope;
import dev.perfkit.cache.spi.FencedWrite;
import dev.perfkit.cache.spi.SecondLevelRead;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

/**
 * The miss path of bulk reads: claims a flight per key (joining flights already running, so a key is loaded once
 * whether get or getAll asked), reads the second level for the claimed keys in one batch, then makes one bulk
 * loader call for what remains, whose values are written back to the second level in one batch. Each key's flight is completed through {@link Completions}, so an invalidation
 * during the bulk load keeps that key's value out of the cache; whatever throws ends every claimed flight.
 */
final class BulkLoads<K, V> {
    private static final int KEYS_IN_MESSAGE = 3;

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
        claimAll(missing, all, mine, true);
        if (!mine.isEmpty()) {
            run(mine, loader);
        }
        Map<K, V> result = new HashMap<>();
        all.forEach((key, flight) -> {
            V value = Flights.await(key, flight);
            if (value != null) {
                result.put(key, value);
            }
        });
        return result;
    }

    /** Loads the missing keys on the executor; no thread waits for flights other callers run. */
    CompletableFuture<Map<K, V>> loadAllAsync(Set<K> missing, BulkLoader<K, ? extends V> loader) {
        Map<K, Flight<V>> all = new LinkedHashMap<>();
        Map<K, Flight<V>> mine = new LinkedHashMap<>();
        claimAll(missing, all, mine, false);
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
                        if (value != null) {
                            result.put(key, value);
                        }
                    });
                    return result;
                });
    }

    private void claimAll(Set<K> missing, Map<K, Flight<V>> all, Map<K, Flight<V>> mine, boolean blocking) {
        try {
            for (K key : missing) {
                Flights.Claim<V> claim = flights.claim(key, blocking);
                all.put(key, claim.flight());
                if (claim.mine()) {
                    mine.put(key, claim.flight());
                }
            }
        } catch (Throwable e) { // whatever it is, even a sneaky checked one: end the flight, rethrow
            mine.forEach((key, flight) -> flights.endIfOpen(key, flight, e));
            throw e;
        }
    }

    private void run(Map<K, Flight<V>> mine, BulkLoader<K, ? extends V> loader) {
        Thread self = Thread.currentThread();
        mine.values().forEach(flight -> flight.owner = self);
        long invalidationsAtStart = parts.counts().any();
        try {
            Map<K, Flight<V>> rest = completeFromSecondLevel(mine);
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
                if (t instanceof Error e) {
                    throw e;
                }
                throw new CacheLoadException(describe(rest.keySet()) + " failed: " + t, t);
            }
            Map<K, FencedWrite<V>> writeBacks = new LinkedHashMap<>();
            try {
                rest.forEach((key, flight) ->
                        completions.storeForBatch(key, flight, loaded.get(key), flight.tags, writeBacks));
                parts.secondTier().writeBackAll(writeBacks); // one batch: one pipelined script per slot in Redis
            } finally {
                rest.forEach((key, flight) -> completions.finish(key, flight, loaded.get(key)));
            }
            loaded.forEach((key, value) -> {
                if (key != null && value != null && !mine.containsKey(key)) {
                    completions.storeExtra(key, value, invalidationsAtStart);
                }
            });
        } catch (Throwable e) { // whatever it is, even a sneaky checked one: end the flight, rethrow
            mine.forEach((key, flight) -> flights.endIfOpen(key, flight, e));
            throw e;
        } finally {
            mine.values().forEach(flight -> flight.owner = null);
        }
    }

    /** Completes the flights the second level has a value for; returns the others, their write-back armed. */
    private Map<K, Flight<V>> completeFromSecondLevel(Map<K, Flight<V>> mine) {
        if (!parts.secondTier().isConfigured()) {
            return mine;
        }
        Map<K, EntryScope> scopes = new LinkedHashMap<>();
        mine.forEach((key, flight) -> scopes.put(key, SecondTier.scope(flight.namespace, flight.tags)));
        Map<K, SecondLevelRead<V>> reads = parts.secondTier().readAll(scopes);
        Map<K, Flight<V>> rest = new LinkedHashMap<>();
        mine.forEach((key, flight) -> {
            SecondLevelRead<V> read = reads.get(key);
            V stored = read == null ? null : read.value();
            if (read == null || stored == null) {
                flight.tagsFromSecondLevel = false; // the value will be loaded, with the key's own tags
                if (read != null) {
                    flight.fence = read.version();
                    flight.fenced = true;
                }
                rest.put(key, flight);
                return;
            }
            String[] tags = Tags.mergeUntrusted(flight.tags, read.tags(), parts.stats());
            flight.tags = tags; // stays flagged as tagsFromSecondLevel
            completions.complete(key, flight, stored, tags);
        });
        return rest;
    }

    /** Names a few keys and the count, so a failure of a large batch keeps a short message. */
    static String describe(Set<?> keys) {
        String some = keys.stream().limit(KEYS_IN_MESSAGE).map(String::valueOf).collect(Collectors.joining(", "));
        int more = keys.size() - KEYS_IN_MESSAGE;
        return "loading " + keys.size() + (keys.size() == 1 ? " key [" : " keys [") + some
                + (more > 0 ? ", and " + more + " more]" : "]");
    }

    private void runQuietly(Map<K, Flight<V>> mine, BulkLoader<K, ? extends V> loader) {
        try {
            run(mine, loader);
        } catch (RuntimeException alreadyDelivered) {
            // Each flight's future carries the failure to its callers.
        }
    }
}
