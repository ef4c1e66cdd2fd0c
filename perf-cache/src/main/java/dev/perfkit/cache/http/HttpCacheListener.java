package dev.perfkit.cache.http;

import java.util.Collection;

/**
 * Callbacks for what the response cache does, for metrics and logs; every method is empty by default and a listener
 * that throws is logged and ignored. {@code path} is the request path; {@code route} the matching route's pattern.
 */
public abstract class HttpCacheListener {
    /** A listener that does nothing; the default. */
    public static final HttpCacheListener NONE = new HttpCacheListener() {};

    /** Creates a listener. */
    protected HttpCacheListener() {}

    /** A fresh stored response was served. */
    public void hit(String route, String path) {}

    /** Nothing usable was stored; the handler ran. */
    public void miss(String route, String path) {}

    /** A stale response was served (within stale-while-revalidate, stale-if-error or the request's max-stale). */
    public void staleServed(String route, String path) {}

    /**
     * A stored response was revalidated.
     *
     * @param notModified whether the version function or the handler confirmed it unchanged (no new body rendered)
     */
    public void revalidated(String route, String path, boolean notModified) {}

    /**
     * A 304 was sent instead of a body.
     *
     * @param bytesSaved the body bytes not sent
     */
    public void notModified(String route, String path, long bytesSaved) {}

    /** A request waited for another request's render of the same response and was served from it. */
    public void collapsed(String route, String path) {}

    /** A response was not stored. */
    public void storeRefused(String route, String path, StoreRefusal reason) {}

    /** A {@link PurgeSink} failed; the local entries were dropped anyway. */
    public void purgeFailed(Collection<String> tags, Exception error) {}
}
