package dev.perfkit.cache.internal;

import dev.perfkit.cache.BulkLoader;
import dev.perfkit.cache.Loader;
import dev.perfkit.cache.Ticker;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Calls the user's loaders, timing each call and recording it in the stats and events. */
final class LoaderCalls<K, V> {
    private final Parts<K, V> parts;
    private final Ticker ticker;

    LoaderCalls(Parts<K, V> parts, Ticker ticker) {
        this.parts = parts;
        this.ticker = ticker;
    }

    @Nullable
    V single(K key, Loader<? super K, ? extends V> loader) throws Exception {
        long start = ticker.read();
        try {
            V value = loader.load(key);
            long took = ticker.read() - start;
            parts.stats().loadSucceeded(took);
            parts.events().loadSucceeded(key, took);
            return value;
        } catch (Throwable t) {
            long took = ticker.read() - start;
            parts.stats().loadFailed(took);
            parts.events().loadFailed(key, took, t);
            throw t;
        }
    }

    /** One bulk call for {@code keys}; a {@code null} map counts as a failure. */
    Map<K, ? extends V> bulk(Set<K> keys, BulkLoader<K, ? extends V> loader) throws Exception {
        long start = ticker.read();
        try {
            Map<K, ? extends V> loaded = Objects.requireNonNull(
                    loader.loadAll(Collections.unmodifiableSet(keys)), "bulk loader returned null");
            long took = ticker.read() - start;
            parts.stats().loadSucceeded(took);
            parts.events().loadSucceeded(keys, took);
            return loaded;
        } catch (Throwable t) {
            long took = ticker.read() - start;
            parts.stats().loadFailed(took);
            parts.events().loadFailed(keys, took, t);
            throw t;
        }
    }
}
