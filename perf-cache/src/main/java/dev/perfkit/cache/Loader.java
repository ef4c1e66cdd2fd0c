package dev.perfkit.cache;

import org.jspecify.annotations.Nullable;

/**
 * Loads the value of one key when it is not cached, for example with a database query.
 *
 * <p>Returning {@code null} (or an empty {@link java.util.Optional}) means "nothing found": the result is cached
 * as absent only when negative caching is enabled. A thrown exception reaches every waiting caller and is never
 * cached.
 *
 * <pre>{@code
 * User user = cache.get(42L, id -> userDao.find(id));
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface Loader<K, V> {
    /**
     * Loads the value for {@code key}.
     *
     * @throws Exception when the value cannot be loaded; callers receive it as the cause of a
     *     {@link CacheLoadException}
     */
    @Nullable
    V load(K key) throws Exception;
}
