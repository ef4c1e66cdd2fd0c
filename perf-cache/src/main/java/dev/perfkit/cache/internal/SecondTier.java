package dev.perfkit.cache.internal;

import dev.perfkit.cache.spi.EntryScope;
import dev.perfkit.cache.spi.FencedWrite;
import dev.perfkit.cache.spi.SecondLevelRead;
import dev.perfkit.cache.spi.SecondLevelStore;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to the optional {@link SecondLevelStore}; with none configured every call is a no-op. Reads and
 * invalidations wait at most the second-level timeout. A failure, a timeout or a malformed answer is logged, counted
 * and treated as a miss (reads) or skipped (writes), so an outage degrades to a local cache instead of failing reads.
 */
final class SecondTier<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(SecondTier.class);

    private final @Nullable SecondLevelStore<K, V> store;
    private final long timeoutNanos;
    private final StatsCounter stats;

    SecondTier(@Nullable SecondLevelStore<K, V> store, long timeoutNanos, StatsCounter stats) {
        this.store = store;
        this.timeoutNanos = timeoutNanos;
        this.stats = stats;
    }

    boolean isConfigured() {
        return store != null;
    }

    /** Returns the read of {@code key}, or {@code null} when it failed, timed out or no store is configured. */
    @Nullable
    SecondLevelRead<V> read(K key, EntryScope scope) {
        SecondLevelStore<K, V> s = store;
        return s == null ? null : await("read of " + key, () -> s.read(key, scope));
    }

    /** Returns one read per key, or an empty map when the batch failed, timed out or no store is configured. */
    Map<K, SecondLevelRead<V>> readAll(Map<K, EntryScope> keys) {
        SecondLevelStore<K, V> s = store;
        if (s == null || keys.isEmpty()) {
            return Map.of();
        }
        Map<K, SecondLevelRead<V>> reads = await("read of " + keys.size() + " keys", () -> s.readAll(Map.copyOf(keys)));
        return reads == null ? Map.of() : reads;
    }

    /** Writes a loaded value back, fenced by the version read before the load; does not wait. */
    void writeBack(K key, V value, Entry<V> entry, long now, long version) {
        SecondLevelStore<K, V> s = store;
        long ttl = entry.remaining(now);
        if (s != null && ttl > 0) {
            EntryScope scope = scope(entry.namespace, entry.tags);
            quietly("write-back of " + key, () -> s.putIfVersion(key, value, Duration.ofNanos(ttl), scope, version));
        }
    }

    /**
     * Returns the write-back of a loaded value fenced by the version read before the load, or {@code null} when
     * there is no store or the entry has no time left; for {@link #writeBackAll}.
     */
    @Nullable
    FencedWrite<V> fencedWrite(V value, Entry<V> entry, long now, long version) {
        long ttl = entry.remaining(now);
        return store == null || ttl <= 0
                ? null
                : FencedWrite.of(value, Duration.ofNanos(ttl), scope(entry.namespace, entry.tags), version);
    }

    /** Writes back the values of one bulk load in one call to the store; does not wait. */
    void writeBackAll(Map<K, FencedWrite<V>> writes) {
        SecondLevelStore<K, V> s = store;
        if (s != null && !writes.isEmpty()) {
            Map<K, FencedWrite<V>> copy = Map.copyOf(writes);
            quietly("write-back of " + copy.size() + " keys", () -> s.putAllIfVersion(copy));
        }
    }

    /** Writes an explicitly put value and waits (up to the timeout), so other instances can read it next. */
    void put(K key, V value, Entry<V> entry, long now) {
        SecondLevelStore<K, V> s = store;
        long ttl = entry.remaining(now);
        if (s != null && ttl > 0) {
            EntryScope scope = scope(entry.namespace, entry.tags);
            awaitDone("put of " + key, () -> s.put(key, value, Duration.ofNanos(ttl), scope));
        }
    }

    /*
     * The invalidations send the store's command, run whileWaiting (the bus message, when the bus delivers after the
     * store; otherwise nothing), then wait (up to the timeout) until the store confirms.
     */

    void invalidate(K key, Runnable whileWaiting) {
        SecondLevelStore<K, V> s = store;
        if (s != null) {
            awaitDone("invalidate of " + key, () -> s.invalidate(key), whileWaiting);
        } else {
            whileWaiting.run();
        }
    }

    void invalidateTag(String tag, Runnable whileWaiting) {
        SecondLevelStore<K, V> s = store;
        if (s != null) {
            awaitDone("invalidate of tag " + tag, () -> s.invalidateTag(tag), whileWaiting);
        } else {
            whileWaiting.run();
        }
    }

    void invalidateNamespace(String namespace, Runnable whileWaiting) {
        SecondLevelStore<K, V> s = store;
        if (s != null) {
            awaitDone("invalidate of namespace " + namespace, () -> s.invalidateNamespace(namespace), whileWaiting);
        } else {
            whileWaiting.run();
        }
    }

    void invalidateAll(Runnable whileWaiting) {
        SecondLevelStore<K, V> s = store;
        if (s != null) {
            awaitDone("invalidateAll", s::invalidateAll, whileWaiting);
        } else {
            whileWaiting.run();
        }
    }

    static EntryScope scope(Namespace namespace, String[] tags) {
        return EntryScope.of(namespace.name, tags.length == 0 ? Set.of() : Set.of(tags));
    }

    /** Calls the store and waits for its answer; {@code null} when it threw, failed, answered null or was late. */
    private <T> @Nullable T await(String what, Supplier<@Nullable CompletableFuture<T>> call) {
        return await(what, call, false, SecondTier::nothing);
    }

    /**
     * Calls a store operation that completes with no value (a write, an invalidation) and waits for it: its
     * {@code null} answer is the normal one, not a failure.
     */
    private void awaitDone(String what, Supplier<@Nullable CompletableFuture<Void>> call) {
        var unused = await(what, call, true, SecondTier::nothing);
    }

    private void awaitDone(String what, Supplier<@Nullable CompletableFuture<Void>> call, Runnable whileWaiting) {
        var unused = await(what, call, true, whileWaiting);
    }

    private <T> @Nullable T await(
            String what, Supplier<@Nullable CompletableFuture<T>> call, boolean voidAnswer, Runnable whileWaiting) {
        boolean ran = false;
        try {
            CompletableFuture<T> future = Objects.requireNonNull(call.get(), "the store returned a null future");
            ran = true;
            whileWaiting.run();
            T answer = future.get(timeoutNanos, TimeUnit.NANOSECONDS);
            return voidAnswer ? answer : Objects.requireNonNull(answer, "the store answered null");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(what, e);
        } catch (ExecutionException e) {
            failed(what, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            failed(what, new TimeoutException("no answer within " + Duration.ofNanos(timeoutNanos)));
        } catch (RuntimeException e) {
            failed(what, e);
        } finally {
            if (!ran) { // the store threw before it sent anything: the step still runs, as after a failed answer
                whileWaiting.run();
            }
        }
        return null;
    }

    private <T> void quietly(String what, Supplier<@Nullable CompletableFuture<T>> call) {
        try {
            var unused = Objects.requireNonNull(call.get(), "the store returned a null future")
                    .whenComplete((done, error) -> {
                        if (error != null) {
                            failed(what, error);
                        }
                    });
        } catch (RuntimeException e) {
            failed(what, e);
        }
    }

    private void failed(String what, Throwable error) {
        stats.secondLevelFailed();
        LOG.warn("second-level {} failed; treated as a miss", what, error);
    }

    private static void nothing() {}
}
