package dev.perfkit.cache.spi;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What {@link SecondLevelStore#read} found: the stored value (if any, and not invalidated) with the tags it was stored
 * with, and the fence version the cache presents when it writes a freshly loaded value back.
 *
 * <p>The tags are passed on as the store returned them; the cache checks them and drops (and counts) bad ones.
 *
 * <pre>{@code
 * return CompletableFuture.completedFuture(found == null
 *         ? SecondLevelRead.miss(version)
 *         : SecondLevelRead.hit(codec.decode(found.bytes()), found.tags(), version));
 * }</pre>
 *
 * @param <V> the value type
 */
public final class SecondLevelRead<V> {
    private final @Nullable V value;
    private final List<String> tags;
    private final long version;

    private SecondLevelRead(@Nullable V value, List<String> tags, long version) {
        this.value = value;
        this.tags = tags;
        this.version = version;
    }

    /**
     * Returns a read that found no value.
     *
     * @param version the fence version of the key at the time of the read
     * @param <V> the value type
     */
    public static <V> SecondLevelRead<V> miss(long version) {
        return new SecondLevelRead<>(null, List.of(), version);
    }

    /**
     * Returns a read that found {@code value}, stored with {@code tags}.
     *
     * @param version the fence version of the key at the time of the read
     * @param <V> the value type
     * @throws NullPointerException if {@code value}, {@code tags} or a tag is null
     */
    public static <V> SecondLevelRead<V> hit(V value, Set<String> tags, long version) {
        return new SecondLevelRead<>(Objects.requireNonNull(value, "value"), List.copyOf(tags), version);
    }

    /** Returns the value found, or {@code null} on a miss. */
    public @Nullable V value() {
        return value;
    }

    /** Returns the tags the value was stored with, unchecked; empty on a miss. */
    public List<String> tags() {
        return tags;
    }

    /** Returns the fence version to present to {@link SecondLevelStore#putIfVersion}. */
    public long version() {
        return version;
    }

    @Override
    public String toString() {
        return value == null
                ? "SecondLevelRead[miss, version=" + version + "]"
                : "SecondLevelRead[hit, tags=" + tags + ", version=" + version + "]";
    }
}
