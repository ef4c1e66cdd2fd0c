package dev.perfkit.cache.spi;

import java.util.Objects;
import java.util.Set;

/**
 * A value read from a {@link SecondLevelStore}, with the tags it was stored with, so an instance that reads it
 * can be reached by a later tag invalidation.
 *
 * <pre>{@code
 * return CompletableFuture.completedFuture(new StoredValue<>(codec.decode(bytes), Set.of("team:7")));
 * }</pre>
 *
 * @param value the value
 * @param tags the tags given to {@link SecondLevelStore#put}
 * @param <V> the value type
 */
public record StoredValue<V>(V value, Set<String> tags) {
    /**
     * Copies the tags.
     *
     * @throws NullPointerException if {@code value}, {@code tags} or a tag is null
     */
    public StoredValue {
        Objects.requireNonNull(value, "value");
        tags = Set.copyOf(tags);
    }
}
