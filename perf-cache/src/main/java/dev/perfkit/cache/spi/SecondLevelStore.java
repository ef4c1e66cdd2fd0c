package dev.perfkit.cache.spi;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A shared second-level store behind the local cache (perf-cache-redis provides one over Redis).
 *
 * <p>On a local miss the cache {@linkplain #read reads} the key here before running the loader, and writes a loaded
 * value back with {@link #putIfVersion}. The protocol keeps the cache's promise (once an invalidation returned, no
 * read returns a value loaded before it began) across instances by construction:
 *
 * <ul>
 *   <li>The store keeps counters that only grow: one per key, per namespace, per tag, and one for the whole store.
 *       The <em>fence version</em> of a key in a scope is any number that changes whenever one of the counters of
 *       the key, its namespace, its tags or the whole store changes (their sum, for example).
 *   <li>{@link #read} returns the key's value, unless one of those counters changed since the value was written,
 *       together with the fence version at the time of the read.
 *   <li>Each invalidation increments its counter (and may drop the values it covers) <em>before</em> its future
 *       completes; the cache waits for it before its own {@code invalidate} returns.
 *   <li>{@link #putIfVersion} stores only if the fence version is still the one the read returned, checked and
 *       written atomically (a Lua script over the key, its namespace and its tags in Redis). A load that began
 *       before an invalidation therefore never lands in the store after it.
 *   <li>{@link #put} (an explicit write) increments the key's counter and stores unconditionally.
 * </ul>
 *
 * <p>Every method is asynchronous. A failed or late future is logged, counted and treated as a miss, so an outage of
 * the store degrades to a local cache. Values cross the wire through a {@link ValueCodec} the implementation owns.
 * {@code dev.perfkit.testsupport.contract.SecondLevelStoreContract} holds the tests every implementation passes.
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
    /**
     * Returns the stored value of {@code key} (or a miss) and the key's fence version in {@code scope}.
     *
     * @param scope the namespace and tags the caller will store a loaded value with
     */
    CompletableFuture<SecondLevelRead<V>> read(K key, EntryScope scope);

    /**
     * Reads several keys; {@code CacheAside.getAll} calls this once for the keys missing locally. The result holds
     * one read, hit or miss, per key. The default issues one {@link #read} per key; a store with a batch read
     * should override it.
     *
     * @param keys the keys to read, each with its scope, not empty
     */
    default CompletableFuture<Map<K, SecondLevelRead<V>>> readAll(Map<K, EntryScope> keys) {
        Map<K, CompletableFuture<SecondLevelRead<V>>> reads = new LinkedHashMap<>();
        keys.forEach((key, scope) -> reads.put(key, read(key, scope)));
        return CompletableFuture.allOf(reads.values().toArray(CompletableFuture<?>[]::new))
                .thenApply(done -> {
                    Map<K, SecondLevelRead<V>> found = new HashMap<>();
                    reads.forEach((key, read) -> found.put(key, read.join()));
                    return found;
                });
    }

    /**
     * Stores a loaded value only if the key's fence version in {@code scope} is still {@code version}.
     *
     * @param ttl how long the store should keep it, always positive
     * @param version the version {@link #read} returned before the value was loaded
     * @return whether the value was stored
     */
    CompletableFuture<Boolean> putIfVersion(K key, V value, Duration ttl, EntryScope scope, long version);

    /**
     * Writes back the values of one bulk load, each stored only if its key's fence version is still the one in its
     * write, exactly as {@link #putIfVersion} would; {@code CacheAside.getAll} calls this once for the keys it
     * loaded. The default issues one {@link #putIfVersion} per key; a store that can send the batch in fewer round
     * trips (one pipelined script per slot in Redis) should override it.
     *
     * @param writes the write-backs by key, not empty
     * @return whether each key's value was stored, by key
     */
    default CompletableFuture<Map<K, Boolean>> putAllIfVersion(Map<K, FencedWrite<V>> writes) {
        Map<K, CompletableFuture<Boolean>> puts = new LinkedHashMap<>();
        writes.forEach((key, write) ->
                puts.put(key, putIfVersion(key, write.value(), write.ttl(), write.scope(), write.version())));
        return CompletableFuture.allOf(puts.values().toArray(CompletableFuture<?>[]::new))
                .thenApply(done -> {
                    Map<K, Boolean> stored = new HashMap<>();
                    puts.forEach((key, put) -> stored.put(key, put.join()));
                    return stored;
                });
    }

    /**
     * Stores an explicitly written value, incrementing the key's counter so no load in flight overwrites it.
     *
     * @param ttl how long the store should keep it, always positive
     */
    CompletableFuture<Void> put(K key, V value, Duration ttl, EntryScope scope);

    /** Increments the key's counter and drops its value. */
    CompletableFuture<Void> invalidate(K key);

    /** Increments the tag's counter: values stored with {@code tag} are no longer read. */
    CompletableFuture<Void> invalidateTag(String tag);

    /** Increments the namespace's counter (an epoch bump, not a scan). */
    CompletableFuture<Void> invalidateNamespace(String namespace);

    /** Increments the store's counter: nothing stored so far is read again. */
    CompletableFuture<Void> invalidateAll();
}
