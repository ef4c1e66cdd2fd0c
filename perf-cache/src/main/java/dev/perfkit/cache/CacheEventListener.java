package dev.perfkit.cache;

/**
 * Callbacks for what a cache does, so metrics and logs can follow it; every method is empty by default.
 *
 * <p>Modelled on OkHttp's {@code EventListener}: override only what you need. There is no per-hit callback, to
 * keep the hit path cheap; read hits from {@link CacheAside#stats()}. A listener that throws is logged and ignored.
 *
 * <pre>{@code
 * CacheEventListener log = new CacheEventListener() {
 *   @Override public void loadFailed(Object key, long nanos, Throwable error) {
 *     logger.warn("load of {} failed", key, error);
 *   }
 * };
 * CacheAside<Long, User> cache = PerfCache.<Long, User>builder().listener(log).build();
 * }</pre>
 */
public abstract class CacheEventListener {
    /** A listener that does nothing; the default. */
    public static final CacheEventListener NONE = new CacheEventListener() {};

    /** Creates a listener. */
    protected CacheEventListener() {}

    /**
     * A loader returned.
     *
     * @param key the key loaded
     * @param nanos time spent in the loader
     */
    public void loadSucceeded(Object key, long nanos) {}

    /**
     * A loader threw.
     *
     * @param key the key loaded
     * @param nanos time spent in the loader
     * @param error what it threw
     */
    public void loadFailed(Object key, long nanos, Throwable error) {}

    /**
     * A background reload of a stale entry started.
     *
     * @param key the key reloaded
     */
    public void refreshStarted(Object key) {}

    /**
     * A background reload failed; the old value keeps being served within the stale-if-error window.
     *
     * @param key the key reloaded
     * @param error what the loader threw
     */
    public void refreshFailed(Object key, Throwable error) {}

    /**
     * The cache dropped an entry on its own. Called on the thread that stored the entry that pushed it out (an
     * eviction over the bound) or on the cache's executor.
     *
     * @param key the key evicted
     * @param cause why
     */
    public void evicted(Object key, EvictionCause cause) {}

    /**
     * An invalidation ran on this instance (locally requested or received from another instance).
     *
     * @param kind what was targeted
     * @param target the key, tag or namespace; the string "*" for the whole cache
     * @param remote whether it came from another instance through the invalidation bus
     */
    public void invalidated(InvalidationKind kind, Object target, boolean remote) {}
}
