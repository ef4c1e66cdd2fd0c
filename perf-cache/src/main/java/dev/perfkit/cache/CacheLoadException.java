package dev.perfkit.cache;

/**
 * Thrown when a loader failed; the cause is the loader's own exception, the same instance for every caller that
 * waited on that load.
 *
 * <pre>{@code
 * try {
 *   cache.get(key, loader);
 * } catch (CacheLoadException e) {
 *   Throwable why = e.getCause(); // what the loader threw; the next get retries
 * }
 * }</pre>
 */
public final class CacheLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception for a failed load of {@code key}.
     *
     * @param key the key whose load failed (only its string form is kept)
     * @param cause what the loader threw
     */
    public CacheLoadException(Object key, Throwable cause) {
        super("loading key " + key + " failed: " + cause, cause);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what failed
     * @param cause why
     */
    public CacheLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
