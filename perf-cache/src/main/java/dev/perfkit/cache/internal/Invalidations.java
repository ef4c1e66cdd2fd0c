package dev.perfkit.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import dev.perfkit.cache.InvalidationKind;
import dev.perfkit.cache.spi.InvalidationBus;
import dev.perfkit.cache.spi.InvalidationMessage;
import dev.perfkit.cache.spi.SecondLevelStore;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invalidations by key, tag, namespace and of everything: each drops the local entries, detaches the loads in
 * flight it covers (under the key's lock, so their results are not stored), and, when made on this instance, is
 * forwarded to the second level and published on the bus.
 */
final class Invalidations<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(Invalidations.class);

    private final CacheConfig<K, V> config;
    private final Cache<K, Entry<V>> cache;
    private final ConcurrentMap<K, Entry<V>> map;
    private final Parts<K, V> parts;
    private final Flights<K, V> flights;

    private final boolean publishesEarly;
    private volatile @Nullable AutoCloseable subscription;

    Invalidations(CacheConfig<K, V> config, Cache<K, Entry<V>> cache, Parts<K, V> parts, Flights<K, V> flights) {
        this.config = config;
        this.cache = cache;
        this.map = cache.asMap();
        this.parts = parts;
        this.flights = flights;
        InvalidationBus<K> bus = config.bus();
        SecondLevelStore<K, V> store = config.secondLevel();
        this.publishesEarly = bus != null && store != null && bus.deliversAfter(store);
    }

    /** Subscribes to the invalidation bus, if one is configured, so other instances' messages reach this one. */
    void subscribe() {
        InvalidationBus<K> bus = config.bus();
        if (bus != null) {
            subscription = bus.subscribe(new RemoteInvalidations<>(config.name(), this));
        }
    }

    void unsubscribe() {
        AutoCloseable current = subscription;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                LOG.warn("closing the invalidation bus subscription of {} failed", config.name(), e);
            }
        }
    }

    /*
     * Each invalidation made here changes the second level first and waits for it, then the local tier: a load
     * claimed in between reads the second level after it changed, and a load claimed before is detached by the
     * local step. The reverse order would let a load claimed between the steps re-cache the old second-level value.
     * The message goes out after the store confirmed, or, when the bus delivers only after the store's command took
     * effect (InvalidationBus.deliversAfter), right behind that command, so propagation does not wait a round trip.
     */

    void key(K key) {
        InvalidationMessage<K> message = InvalidationMessage.key(config.name(), key);
        parts.secondTier().invalidate(key, early(message));
        keyLocally(key, false);
        late(message);
    }

    void tag(String tag) {
        Tags.check(tag);
        InvalidationMessage<K> message = InvalidationMessage.tag(config.name(), tag);
        parts.secondTier().invalidateTag(tag, early(message));
        tagLocally(tag, false);
        late(message);
    }

    void namespace(String namespace) {
        InvalidationMessage<K> message = InvalidationMessage.namespace(config.name(), namespace);
        parts.secondTier().invalidateNamespace(namespace, early(message));
        namespaceLocally(namespace, false);
        late(message);
    }

    void all() {
        InvalidationMessage<K> message = InvalidationMessage.all(config.name());
        parts.secondTier().invalidateAll(early(message));
        allLocally(InvalidationKind.ALL, false);
        late(message);
    }

    /** What runs while the store's invalidation is on its way: the message, if the bus may send it then. */
    private Runnable early(InvalidationMessage<K> message) {
        return publishesEarly ? () -> publish(message) : Invalidations::nothing;
    }

    private void late(InvalidationMessage<K> message) {
        if (!publishesEarly) {
            publish(message);
        }
    }

    /** Tells the other instances that {@code key} changed here (an explicit put), so they drop their copy. */
    void announce(K key) {
        publish(InvalidationMessage.key(config.name(), key));
    }

    void keyLocally(K key, boolean remote) {
        parts.counts().invalidationBegins();
        map.compute(key, (k, old) -> {
            flights.detachUnderLock(k);
            return null;
        });
        parts.stats().invalidated(InvalidationKind.KEY);
        parts.events().invalidated(InvalidationKind.KEY, key, remote);
    }

    void tagLocally(String tag, boolean remote) {
        parts.counts().tagInvalidationBegins();
        for (Map.Entry<K, Flight<V>> running : flights.snapshot()) {
            if (running.getValue().hasTag(tag)) {
                KeepEntry.compute(map, running.getKey(), old -> {
                    flights.abandon(running.getKey(), running.getValue());
                    return KeepEntry.keep(old);
                });
            }
        }
        for (Map.Entry<Entry<V>, K> tagged : parts.tagIndex().entries(tag)) {
            map.remove(tagged.getValue(), tagged.getKey());
        }
        parts.stats().invalidated(InvalidationKind.TAG);
        parts.events().invalidated(InvalidationKind.TAG, tag, remote);
    }

    void namespaceLocally(String namespace, boolean remote) {
        parts.counts().invalidationBegins();
        parts.namespaces().bump(namespace);
        for (Map.Entry<K, Flight<V>> running : flights.snapshot()) {
            if (namespace.equals(running.getValue().namespace.name)) {
                KeepEntry.compute(map, running.getKey(), old -> {
                    flights.abandon(running.getKey(), running.getValue());
                    return KeepEntry.keep(old);
                });
            }
        }
        parts.stats().invalidated(InvalidationKind.NAMESPACE);
        parts.events().invalidated(InvalidationKind.NAMESPACE, namespace, remote);
    }

    void allLocally(InvalidationKind kind, boolean remote) {
        parts.counts().invalidationBegins();
        for (Map.Entry<K, Flight<V>> running : flights.snapshot()) {
            map.compute(running.getKey(), (k, old) -> {
                flights.detachUnderLock(k);
                return null;
            });
        }
        cache.invalidateAll();
        parts.stats().invalidated(kind);
        parts.events().invalidated(kind, "*", remote);
    }

    private void publish(InvalidationMessage<K> message) {
        InvalidationBus<K> bus = config.bus();
        if (bus != null) {
            try {
                bus.publish(message);
            } catch (RuntimeException e) {
                LOG.warn("publishing {} failed; other instances keep their entries until they expire", message, e);
            }
        }
    }

    private static void nothing() {}
}
