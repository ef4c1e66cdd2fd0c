package dev.perfkit.cache.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.perfkit.cache.EvictionCause;
import java.time.Duration;
import java.util.function.ToLongBiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Configures the Caffeine cache under a {@link DefaultCacheAside}: size or weight bound, Caffeine's fixed expiry when
 * every entry lives the same time from its store, per-entry expiry only when
 * a policy needs it (so plain caches never read the clock on a hit), and a removal listener that keeps the tag
 * index and the eviction counters in step.
 */
final class CaffeineSetup {
    private CaffeineSetup() {}

    static <K, V> Caffeine<K, Entry<V>> builder(CacheConfig<K, V> config, Parts<K, V> parts) {
        Caffeine<K, Entry<V>> builder = Caffeine.newBuilder()
                .executor(new Maintenance(config.executor()))
                .ticker(parts.clock())
                .removalListener((@Nullable K key, @Nullable Entry<V> entry, RemovalCause cause) ->
                        removed(parts, key, entry, cause));
        if (config.maximumSize() > 0) {
            builder.maximumSize(config.maximumSize());
        }
        ToLongBiFunction<? super K, ? super V> weigher = config.weigher();
        if (config.maximumWeight() > 0 && weigher != null) {
            builder.maximumWeight(config.maximumWeight())
                    .weigher((K key, Entry<V> entry) -> entry.absent
                            ? 1
                            : (int) Math.max(0, Math.min(Integer.MAX_VALUE, weigher.applyAsLong(key, entry.value))));
        }
        if (config.fixedExpiry()) {
            // Entries are never kept by returning them from a compute (KeepEntry), so the timer restarts only
            // when an entry is stored.
            builder.expireAfterWrite(Duration.ofNanos(config.expireAfterWriteNanos()));
        } else if (config.needsExpiry()) {
            builder.expireAfter(new EntryExpiry<K, V>(config.expireAfterAccessNanos()));
        }
        return builder;
    }

    private static <K, V> void removed(
            Parts<K, V> parts, @Nullable K key, @Nullable Entry<V> entry, RemovalCause cause) {
        if (key == null || entry == null) {
            return;
        }
        if (entry.tags.length > 0) {
            parts.tagIndex().remove(entry);
        }
        EvictionCause evicted = switch (cause) {
            case SIZE -> EvictionCause.SIZE;
            case EXPIRED -> EvictionCause.EXPIRED;
            case EXPLICIT, REPLACED, COLLECTED -> null; // no weak or soft references are used: never COLLECTED
        };
        if (evicted != null) {
            parts.stats().evicted(evicted);
            parts.events().evicted(key, evicted);
        }
    }
}
