package dev.perfkit.cache.internal;

import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Thrown from inside a {@code compute} on the cache map to leave the key's entry exactly as it was. Returning the old
 * entry would count as a write: Caffeine restarts a fixed expire-after-write timer on it, so an entry a put stored
 * would outlive its time to live by however long the refused load had run. A mapping function that throws leaves the
 * mapping unchanged ({@link ConcurrentMap#compute}), and Caffeine records nothing for it. Made without a
 * stack trace: these paths run under the key's lock, where nothing may be slow.
 */
final class KeepEntry extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private KeepEntry() {
        super("the entry is kept as it was", null, false, false);
    }

    /** Ends a mapping function: returns {@code null} when there is no entry, else keeps it untouched. */
    static <E> @Nullable E keep(@Nullable E old) {
        if (old == null) {
            return null;
        }
        throw new KeepEntry();
    }

    /**
     * Runs {@code decide} under the key's lock in {@code map}: the entry it returns is stored, {@code null} removes the
     * key's entry, and {@link #keep} leaves it untouched, with no write recorded.
     */
    static <K, E> void compute(ConcurrentMap<K, E> map, K key, Function<@Nullable E, @Nullable E> decide) {
        try {
            map.compute(key, (k, old) -> decide.apply(old));
        } catch (KeepEntry kept) {
            // the entry, if any, is as it was
        }
    }
}
