package dev.perfkit.cache.internal;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link DefaultCacheAside#revalidate}: the future of the key's reload (completed when this thread ran
 * it) and whether this thread ran the loader.
 *
 * @param future the reload's result; a failure is the loader's own exception
 * @param ran whether the calling thread ran the loader (it won the single-flight claim)
 * @param <V> the value type
 */
public record Revalidation<V>(CompletableFuture<@Nullable V> future, boolean ran) {}
