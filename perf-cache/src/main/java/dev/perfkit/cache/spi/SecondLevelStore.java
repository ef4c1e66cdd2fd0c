package dev.perfkit.cache.spi;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A shared second-level store behind the local cache (perf-cache-redis provides one over Redis).
 *
 * <p>On a local miss the cache asks this store before running the loader, and writes loaded values back with
 * their remaining time to live. Invalidations made on this instance are forwarded here. Every method is
 * asynchronous; a failed future is logged and treated as a miss, so an outage of the store degrades to a local
 * cache. Values cross the wire through a {@link ValueCodec} the implementation owns.
 *
 * <pre>{@code
 * CacheAside<Long, User> users = PerfCache.<Long, User>builder()
 *     .secondLevel(new RedisSecondLevel<>(client, userCodec))
 *     .build();
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface SecondLevelStore<K, V> {
    /** Returns the stored value of {@code key} with its tags, or a future of {@code null} when there is none. */
    CompletableFuture<@Nullable StoredValue<V>> get(K key);

    /**
     * Returns the stored values of {@code keys} with their tags; keys without a value are left out of the map.
     * {@code CacheAside.getAll} calls this once for the keys missing locally. The default issues one {@link #get}
     * per key and combines them; a store with a batch read (Redis {@code MGET}) should override it.
     *
     * @param keys the keys to read, not empty
     */
    default CompletableFuture<Map<K, StoredValue<V>>> getAll(Set<K> keys) {
        Map<K, CompletableFuture<@Nullable StoredValue<V>>> reads = new LinkedHashMap<>();
        for (K key : keys) {
            reads.put(key, get(key));
        }
        return CompletableFuture.allOf(reads.values().toArray(CompletableFuture<?>[]::new))
                .thenApply(done -> {
                    Map<K, StoredValue<V>> found = new HashMap<>();
                    reads.forEach((key, read) -> {
                        StoredValue<V> value = read.join();
                        if (value != null) {
                            found.put(key, value);
                        }
                    });
                    return found;
                });
    }

    /**
     * Stores {@code value} for {@code key}.
     *
     * @param ttl how long the store should keep it, always positive
     * @param tags the entry's tags, so {@link #invalidateTag} can find it
     * @param namespace the entry's namespace, or {@code null}
     */
    CompletableFuture<Void> put(K key, V value, Duration ttl, Set<String> tags, @Nullable String namespace);

    /** Drops {@code key}. */
    CompletableFuture<Void> invalidate(K key);

    /** Drops every entry stored with {@code tag}. */
    CompletableFuture<Void> invalidateTag(String tag);

    /** Drops every entry stored with {@code namespace} (an epoch bump, not a scan). */
    CompletableFuture<Void> invalidateNamespace(String namespace);

    /** Drops everything this cache stored. */
    CompletableFuture<Void> invalidateAll();
}
