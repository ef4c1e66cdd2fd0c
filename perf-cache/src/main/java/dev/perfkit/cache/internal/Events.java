package dev.perfkit.cache.internal;

import dev.perfkit.cache.CacheEventListener;
import dev.perfkit.cache.EvictionCause;
import dev.perfkit.cache.InvalidationKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the user's listener and keeps its failures out of the cache: they are logged, never rethrown. */
final class Events {
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final CacheEventListener listener;

    Events(CacheEventListener listener) {
        this.listener = listener;
    }

    void loadSucceeded(Object key, long nanos) {
        try {
            listener.loadSucceeded(key, nanos);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    void loadFailed(Object key, long nanos, Throwable error) {
        try {
            listener.loadFailed(key, nanos, error);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    void refreshStarted(Object key) {
        try {
            listener.refreshStarted(key);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    void refreshFailed(Object key, Throwable error) {
        try {
            listener.refreshFailed(key, error);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    void evicted(Object key, EvictionCause cause) {
        try {
            listener.evicted(key, cause);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    void invalidated(InvalidationKind kind, Object target, boolean remote) {
        try {
            listener.invalidated(kind, target, remote);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private static void failed(RuntimeException e) {
        LOG.warn("cache event listener threw; ignored", e);
    }
}
