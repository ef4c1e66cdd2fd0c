package dev.perfkit.cache.spi;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where an entry belongs in a {@link SecondLevelStore}: its namespace and its tags. The store fences reads and
 * write-backs with the versions of the key, of this namespace and of these tags.
 *
 * <pre>{@code
 * EntryScope scope = EntryScope.of("users", Set.of("team:7"));
 * }</pre>
 */
public final class EntryScope {
    private static final EntryScope NONE = new EntryScope(null, Set.of());

    private final @Nullable String namespace;
    private final Set<String> tags;

    private EntryScope(@Nullable String namespace, Set<String> tags) {
        this.namespace = namespace;
        this.tags = tags;
    }

    /**
     * Returns the scope of an entry.
     *
     * @param namespace the namespace, or {@code null} for none
     * @param tags the tags, copied
     * @throws NullPointerException if {@code tags} or a tag is null
     */
    public static EntryScope of(@Nullable String namespace, Set<String> tags) {
        Set<String> copy = Set.copyOf(tags);
        return namespace == null && copy.isEmpty() ? NONE : new EntryScope(namespace, copy);
    }

    /** Returns the scope with no namespace and no tags. */
    public static EntryScope none() {
        return NONE;
    }

    /** Returns the namespace, or {@code null}. */
    public @Nullable String namespace() {
        return namespace;
    }

    /** Returns the tags, never null. */
    public Set<String> tags() {
        return tags;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof EntryScope that && Objects.equals(namespace, that.namespace) && tags.equals(that.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, tags);
    }

    @Override
    public String toString() {
        return "EntryScope[namespace=" + namespace + ", tags=" + tags + "]";
    }
}
