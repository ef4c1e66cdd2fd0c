package dev.perfkit.cache;

import java.util.Map;
import java.util.Set;

/**
 * Loads many missing keys in one call, for example one {@code WHERE id IN (...)} query.
 *
 * <p>Keys missing from the returned map are treated like a {@link Loader} returning {@code null}.
 *
 * <pre>{@code
 * Map<Long, User> users = cache.getAll(ids, missing -> userDao.findAll(missing));
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface BulkLoader<K, V> {
    /**
     * Loads the values for {@code keys}.
     *
     * @throws Exception when the values cannot be loaded; callers receive it as the cause of a
     *     {@link CacheLoadException}
     */
    Map<K, V> loadAll(Set<K> keys) throws Exception;
}
