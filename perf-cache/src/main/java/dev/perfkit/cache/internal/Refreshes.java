package dev.perfkit.cache.internal;

import dev.perfkit.cache.BulkLoader;
import dev.perfkit.cache.EvictionCause;
import dev.perfkit.cache.Loader;
import dev.perfkit.cache.Ticker;
import dev.perfkit.cache.spi.FencedWrite;
import dev.perfkit.cache.spi.SecondLevelRead;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Refresh-ahead: background reloads of stale entries, at most one per key. A reload running for longer than the
 * refresh age is abandoned rather than allowed to block every later refresh (Caffeine issue 175). A failed reload
 * marks the entry, which keeps being served for the stale-if-error window.
 */
final class Refreshes<K, V> {
    /** What a read of a present entry does when refresh-ahead is on. */
    enum Freshness {
        /** Before its refresh age: a plain hit. */
        FRESH,
        /** Past its refresh age: served at once while a background reload runs. */
        STALE,
        /** A reload failed and the stale-if-error window is over: removed, the read loads synchronously. */
        EXPIRED
    }

    private final CacheConfig<K, V> config;
    private final ConcurrentMap<K, Entry<V>> map;
    private final Parts<K, V> parts;
    private final Flights<K, V> flights;
    private final Completions<K, V> completions;
    private final LoaderCalls<K, V> calls;
    private final Ticker ticker;
    private final Executor executor;

    Refreshes(
            CacheConfig<K, V> config,
            ConcurrentMap<K, Entry<V>> map,
            Parts<K, V> parts,
            Flights<K, V> flights,
            Completions<K, V> completions,
            LoaderCalls<K, V> calls) {
        this.config = config;
        this.map = map;
        this.parts = parts;
        this.flights = flights;
        this.completions = completions;
        this.calls = calls;
        this.ticker = config.ticker();
        this.executor = config.executor();
    }

    /**
     * The slow path of a hit, for an entry the hit path could not judge by the recent clock reading: serves a fresh
     * entry, or a stale one at once while starting its reload; returns {@code false} when the entry expired or the
     * stale-if-error window is over, so a synchronous load runs (and lets a failure surface).
     */
    boolean serve(K key, Entry<V> entry, Loader<? super K, ? extends V> loader) {
        long now = ticker.read();
        Freshness freshness = classify(key, entry, now);
        if (freshness == Freshness.STALE) {
            refresh(key, entry, loader, now);
        }
        if (config.recordStats() && freshness != Freshness.EXPIRED) {
            if (freshness == Freshness.FRESH) {
                parts.stats().hit();
            } else {
                parts.stats().staleHit();
            }
        }
        return freshness != Freshness.EXPIRED;
    }

    /**
     * Classifies a present, current entry: one whose own time to live is over, or whose reload failed longer ago than
     * the stale-if-error window, is removed and {@link Freshness#EXPIRED}.
     */
    Freshness classify(K key, Entry<V> entry, long now) {
        if (expire(key, entry, now)) {
            return Freshness.EXPIRED;
        }
        if (!entry.isStale(now)) {
            return Freshness.FRESH;
        }
        long failedSince = entry.failedSince;
        if (failedSince != Entry.NO_FAILURE && now - failedSince >= config.staleIfErrorNanos()) {
            map.remove(key, entry);
            return Freshness.EXPIRED;
        }
        return Freshness.STALE;
    }

    /**
     * Drops the key's entry if its own time to live is over at {@code now}, counting an expiry: Caffeine's fixed
     * timer bounds entries only by the longest time to live, so a jittered or negative entry can outlive its own
     * until a read finds it. Returns whether the entry is expired.
     */
    boolean expire(K key, Entry<V> entry, long now) {
        if (!entry.isExpired(now)) {
            return false;
        }
        if (map.remove(key, entry)) { // removed as EXPLICIT, which the removal listener does not count
            parts.stats().evicted(EvictionCause.EXPIRED);
            parts.events().evicted(key, EvictionCause.EXPIRED);
        }
        return true;
    }

    /** Starts a background reload of one stale entry unless one is running. */
    void refresh(K key, Entry<V> stale, Loader<? super K, ? extends V> loader, long now) {
        Flight<V> mine = claim(key, stale, now);
        if (mine == null) {
            return;
        }
        try {
            executor.execute(() -> runRefresh(key, mine, stale, loader));
        } catch (RejectedExecutionException e) {
            failed(key, mine, stale, e);
        }
    }

    /** Starts one background bulk reload of the stale entries no reload is running for. */
    void refreshAll(Map<K, Entry<V>> stale, BulkLoader<K, ? extends V> loader, long now) {
        Map<K, Flight<V>> mine = new LinkedHashMap<>();
        stale.forEach((key, entry) -> {
            Flight<V> flight = claim(key, entry, now);
            if (flight != null) {
                mine.put(key, flight);
            }
        });
        if (mine.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> runBulkRefresh(mine, stale, loader));
        } catch (RejectedExecutionException e) {
            mine.forEach((key, flight) -> failed(key, flight, Objects.requireNonNull(stale.get(key)), e));
        }
    }

    /**
     * Reloads the key's entry, if it still holds {@code expected}, in the calling thread, unless a flight for the key
     * runs: then returns that flight's future (a reload running for longer than {@code abandonAfterNanos} is abandoned
     * instead). At most one reload runs per key; the entry is served until the reload replaces it, and a failed
     * reload keeps it (marked failed). Returns {@code null} when the entry is gone or replaced.
     */
    @Nullable
    Revalidation<V> revalidate(K key, V expected, Loader<? super K, ? extends V> loader, long abandonAfterNanos) {
        Entry<V> entry = map.get(key);
        if (entry == null || !entry.isCurrent() || entry.value != expected) {
            return null;
        }
        long now = ticker.read();
        if (expire(key, entry, now)) {
            return null;
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            Flight<V> running = flights.get(key);
            if (running != null) {
                if (!running.refresh || now - running.startedAt < abandonAfterNanos) {
                    return new Revalidation<>(running.future, false);
                }
                flights.abandon(key, running);
            }
            Flight<V> mine = new Flight<>(entry.namespace, entry.tags, true, now, parts.counts());
            mine.tagsFromValue = parts.tagsOfValue() != null;
            if (flights.register(key, mine)) {
                parts.stats().refreshStarted();
                parts.events().refreshStarted(key);
                runRefresh(key, mine, entry, loader);
                return new Revalidation<>(mine.future, true);
            }
        }
        return null;
    }

    private @Nullable Flight<V> claim(K key, Entry<V> stale, long now) {
        Flight<V> running = flights.get(key);
        if (running != null) {
            if (!running.refresh || now - running.startedAt < config.refreshAfterNanos()) {
                return null;
            }
            flights.abandon(key, running);
        }
        Flight<V> mine = new Flight<>(stale.namespace, stale.tags, true, now, parts.counts());
        mine.tagsFromValue = parts.tagsOfValue() != null;
        if (!flights.register(key, mine)) {
            return null;
        }
        parts.stats().refreshStarted();
        parts.events().refreshStarted(key);
        return mine;
    }

    private void runRefresh(K key, Flight<V> flight, Entry<V> stale, Loader<? super K, ? extends V> loader) {
        try {
            fence(key, flight);
            V value;
            try {
                value = calls.single(key, loader);
            } catch (Throwable t) {
                failed(key, flight, stale, t);
                return;
            }
            completions.complete(key, flight, value, flight.tags);
        } catch (Throwable e) { // whatever it is, even a sneaky checked one: end the flight, rethrow
            flights.endIfOpen(key, flight, e);
            throw e;
        }
    }

    private void runBulkRefresh(Map<K, Flight<V>> mine, Map<K, Entry<V>> stale, BulkLoader<K, ? extends V> loader) {
        try {
            mine.forEach(this::fence);
            Map<K, ? extends V> loaded;
            try {
                loaded = calls.bulk(mine.keySet(), loader);
            } catch (Throwable t) {
                mine.forEach((key, flight) -> failed(key, flight, Objects.requireNonNull(stale.get(key)), t));
                return;
            }
            Map<K, FencedWrite<V>> writeBacks = new LinkedHashMap<>();
            try {
                mine.forEach((key, flight) ->
                        completions.storeForBatch(key, flight, loaded.get(key), flight.tags, writeBacks));
                parts.secondTier().writeBackAll(writeBacks);
            } finally {
                mine.forEach((key, flight) -> completions.finish(key, flight, loaded.get(key)));
            }
        } catch (Throwable e) { // whatever it is, even a sneaky checked one: end the flight, rethrow
            mine.forEach((key, flight) -> flights.endIfOpen(key, flight, e));
            throw e;
        }
    }

    /**
     * Reads the key's fence version before the reload, so its write-back is refused if an invalidation comes
     * between; the value read is ignored (it may be the very value being refreshed).
     */
    private void fence(K key, Flight<V> flight) {
        if (parts.secondTier().isConfigured()) {
            SecondLevelRead<V> read = parts.secondTier().read(key, SecondTier.scope(flight.namespace, flight.tags));
            if (read != null) {
                flight.fence = read.version();
                flight.fenced = true;
            }
        }
    }

    private void failed(K key, Flight<V> flight, Entry<V> stale, Throwable error) {
        parts.stats().refreshFailed();
        stale.markFailed(ticker.read());
        parts.events().refreshFailed(key, error);
        flights.fail(key, flight, error);
    }
}
