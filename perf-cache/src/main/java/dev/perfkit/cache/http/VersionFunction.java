package dev.perfkit.cache.http;

import org.jspecify.annotations.Nullable;

/**
 * Computes a resource's current version before its handler runs, typically with one cheap query
 * ({@code select version from product where id = ?}), so a matching If-None-Match is answered with 304 without
 * rendering, and a stored response is served only while its version is current.
 *
 * <p><b>Consistency rule:</b> the version function must read the same source the handler renders from. If the
 * handler renders from the application's own cache (a perf-cache {@code CacheAside}, a Hibernate second-level cache,
 * a read replica), read the version from that cache too, not from the database: otherwise, between a write and the
 * moment that cache catches up, the function already answers the new version while the handler still renders the
 * old data, and the old body is stored and served under the new ETag, to every client, for as long as the version
 * stays the same (also after the application's cache caught up). Reading the version from the render's own source
 * at worst serves the old body under the old ETag a little longer, which revalidation then corrects.
 * {@code VersionConsistencyIT} shows both.
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
