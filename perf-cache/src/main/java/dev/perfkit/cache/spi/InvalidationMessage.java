package dev.perfkit.cache.spi;

import dev.perfkit.cache.InvalidationKind;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One invalidation sent to the other instances of a cache over an {@link InvalidationBus}.
 *
 * <pre>{@code
 * InvalidationMessage<Long> m = InvalidationMessage.key("node-1", 42L);
 * }</pre>
 *
 * @param origin the id of the sending cache instance, so it can skip its own messages
 * @param kind what is invalidated: {@code KEY}, {@code TAG}, {@code NAMESPACE} or {@code ALL}
 * @param key the key, for {@code KEY} only
 * @param name the tag or namespace, for {@code TAG} and {@code NAMESPACE} only
 * @param <K> the key type
 */
public record InvalidationMessage<K>(
        String origin,
        InvalidationKind kind,
        @Nullable K key,
        @Nullable String name) {
    /**
     * Checks that the fields fit the kind.
     *
     * @throws NullPointerException if {@code origin} or {@code kind} is null
     * @throws IllegalArgumentException if the key or name does not fit the kind, or the kind is {@code FLUSH}
     */
    public InvalidationMessage {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(kind, "kind");
        boolean ok = switch (kind) {
            case KEY -> key != null && name == null;
            case TAG, NAMESPACE -> key == null && name != null;
            case ALL -> key == null && name == null;
            case FLUSH -> false;
        };
        if (!ok) {
            throw new IllegalArgumentException("kind " + kind + " does not fit key=" + key + ", name=" + name
                    + " (KEY needs a key, TAG and NAMESPACE a name, ALL neither; FLUSH is local only)");
        }
    }

    /** Returns a message invalidating {@code key}. */
    public static <K> InvalidationMessage<K> key(String origin, K key) {
        return new InvalidationMessage<>(origin, InvalidationKind.KEY, Objects.requireNonNull(key, "key"), null);
    }

    /** Returns a message invalidating {@code tag}. */
    public static <K> InvalidationMessage<K> tag(String origin, String tag) {
        return new InvalidationMessage<>(origin, InvalidationKind.TAG, null, Objects.requireNonNull(tag, "tag"));
    }

    /** Returns a message invalidating {@code namespace}. */
    public static <K> InvalidationMessage<K> namespace(String origin, String namespace) {
        return new InvalidationMessage<>(
                origin, InvalidationKind.NAMESPACE, null, Objects.requireNonNull(namespace, "namespace"));
    }

    /** Returns a message invalidating everything. */
    public static <K> InvalidationMessage<K> all(String origin) {
        return new InvalidationMessage<>(origin, InvalidationKind.ALL, null, null);
    }
}
