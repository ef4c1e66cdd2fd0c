package dev.perfkit.cache.http;

import org.jspecify.annotations.Nullable;

/**
 * Computes a resource's current version before its handler runs, typically with one cheap query
 * ({@code select version from product where id = ?}), so a matching If-None-Match is answered with 304 without
 * rendering, and a stored response is served only while its version is current.
 */
@FunctionalInterface
public interface VersionFunction {
    /**
     * Returns the version of what {@code request} asks for, or {@code null} when it is unknown (the request is then
     * handled without a deep validator). An exception is logged and the request is handled as if it returned null.
     */
    @Nullable
    ResourceVersion version(CacheRequest request) throws Exception;
}
