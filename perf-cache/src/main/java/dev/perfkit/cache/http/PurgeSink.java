package dev.perfkit.cache.http;

import java.util.Collection;

/**
 * Called when tags are invalidated, after the local entries are gone, to purge them from a CDN or reverse proxy
 * (Varnish xkey/BAN: {@link VarnishPurgeSink}; a Fastly-style purge API: {@link HttpPurgeSink}). A sink that throws
 * is logged and counted in {@link HttpCacheStats#purgeFailureCount()}; the invalidation still returns.
 */
@FunctionalInterface
public interface PurgeSink {
    /** Purges every cached response carrying one of {@code tags}. */
    void purge(Collection<String> tags) throws Exception;
}
