package dev.perfkit.cache.internal;

import dev.perfkit.cache.Ticker;
import dev.perfkit.cache.spi.FencedWrite;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a flight: stores its result unless an invalidation detached it (checked under the key's lock in the cache
 * map, the same lock every invalidation takes), writes a loaded value back to the second level fenced by the
 * version read before the load, then releases the key and answers the waiting callers, whatever throws.
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

    /** Stores the result (unless detached), writes it back, then releases the key and answers the waiting callers. */
    void complete(K key, Flight<V> flight, @Nullable V value, String[] tags) {
        try {
            store(key, flight, value, tags, null);
        } finally {
            finish(key, flight, value);
        }
    }

    /**
     * The first half of completing one key of a batch: stores the result (unless detached) and puts its write-back
     * into {@code writeBacks}. The caller sends the batch and only then calls {@link #finish} for every key, so each
     * write-back is sent while its flight still holds the key, as {@link #complete} does for a single key.
     */
    void storeForBatch(K key, Flight<V> flight, @Nullable V value, String[] tags, Map<K, FencedWrite<V>> writeBacks) {
        store(key, flight, value, tags, writeBacks);
    }

    /** Releases the key and answers the waiting callers; never throws. */
    void finish(K key, Flight<V> flight, @Nullable V value) {
        flights.release(key, flight);
        flight.future.complete(value);
    }

    private void store(
            K key, Flight<V> flight, @Nullable V value, String[] tags, @Nullable Map<K, FencedWrite<V>> writeBacks) {
        try {
            long now = ticker.read();
            var tagsOfValue = parts.tagsOfValue();
            if (tagsOfValue != null && value != null) {
                tags = Tags.mergeUntrusted(tags, tagsOfValue.apply(value), parts.stats());
            }
            Entry<V> entry = parts.ttl()
                    .newEntry(key, value, isAbsent(value), flight.namespace, flight.namespaceEpoch, tags, now);
            boolean stored = store(key, entry, true, () -> flight.isValid(parts.counts()));
            if (stored && entry != null && !entry.absent && flight.fenced) {
                if (writeBacks == null) {
                    parts.secondTier().writeBack(key, Objects.requireNonNull(value), entry, now, flight.fence);
                } else {
                    FencedWrite<V> write =
                            parts.secondTier().fencedWrite(Objects.requireNonNull(value), entry, now, flight.fence);
                    if (write != null) {
                        writeBacks.put(key, write);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("storing the value of {} failed; returned but not cached", key, e);
        }
    }

    /**
     * Caches a value a bulk loader returned for a key nobody asked for, unless the key has a value or a load, or
     * any invalidation began since the bulk load did (no flight let an invalidation reach it). Never written back.
     */
    void storeExtra(K key, V value, long invalidationsAtStart) {
        try {
            Namespace namespace = parts.namespaces().of(key);
            long epoch = namespace.epoch;
            Entry<V> entry = parts.ttl()
                    .newEntry(
                            key,
                            value,
                            isAbsent(value),
                            namespace,
                            epoch,
                            parts.tags().of(key, List.of()),
                            ticker.read());
            if (entry != null && flights.get(key) == null) {
                store(
                        key,
                        entry,
                        false,
                        () -> parts.counts().any() == invalidationsAtStart && namespace.epoch == epoch);
            }
        } catch (RuntimeException e) {
            LOG.warn("caching the extra value of {} from a bulk load failed", key, e);
        }
    }

    /**
     * Stores {@code entry} (or, when it is {@code null}, drops the key's entry: a result not to cache replaces the
     * old one) if {@code allowed} holds under the key's lock and, unless {@code replace}, the key has no current
     * entry (one whose own time to live is over counts as none). The tag index never keeps a refused entry, even
     * when the store throws (a failing weigher).
     */
    private boolean store(K key, @Nullable Entry<V> entry, boolean replace, BooleanSupplier allowed) {
        Entry<V> indexed = entry != null && entry.tags.length > 0 ? entry : null;
        if (indexed != null) {
            parts.tagIndex().add(key, indexed); // before the store, so a concurrent tag invalidation finds it
        }
        boolean[] accepted = {false};
        boolean stored = false;
        long now = ticker.read();
        try {
            Maintenance.inline(() -> KeepEntry.compute(map, key, old -> {
                accepted[0] =
                        allowed.getAsBoolean() && (replace || old == null || !old.isCurrent() || old.isExpired(now));
                return accepted[0] ? entry : KeepEntry.keep(old); // a refusal is not a write of the old entry
            }));
            stored = accepted[0];
        } finally {
            if (indexed != null && !stored) {
                parts.tagIndex().remove(indexed);
            }
        }
        return stored;
    }
}
