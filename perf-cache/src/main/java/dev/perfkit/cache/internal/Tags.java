package dev.perfkit.cache.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Checks and combines the tags of an entry. Tags come from user input, so their number and length are capped to
 * keep the tag index bounded.
 */
final class Tags<K> {
    static final int MAX_TAGS = 32;
    static final int MAX_TAG_LENGTH = 256;
    static final String[] NONE = new String[0];

    private final @Nullable Function<? super K, ? extends Collection<String>> tagsOf;

    Tags(@Nullable Function<? super K, ? extends Collection<String>> tagsOf) {
        this.tagsOf = tagsOf;
    }

    /** Returns the tags of {@code key} from the tag function, plus {@code extra}. */
    String[] of(K key, Collection<String> extra) {
        if (tagsOf == null && extra.isEmpty()) {
            return NONE;
        }
        Set<String> all = new LinkedHashSet<>();
        if (tagsOf != null) {
            Collection<String> fromKey = Objects.requireNonNull(tagsOf.apply(key), "tagsOf returned null");
            fromKey.forEach(tag -> all.add(check(tag)));
        }
        extra.forEach(tag -> all.add(check(tag)));
        if (all.size() > MAX_TAGS) {
            throw new IllegalArgumentException(
                    "an entry may carry at most " + MAX_TAGS + " tags, but key " + key + " has " + all.size());
        }
        return all.toArray(NONE);
    }

    /**
     * Returns {@code tags} plus the tags a second level returned, dropping (and counting in {@code dropped}) those
     * that are null, empty, too long or beyond the cap: data from outside never fails a read.
     */
    static String[] mergeUntrusted(String[] tags, Collection<?> more, StatsCounter dropped) {
        if (more.isEmpty()) {
            return tags;
        }
        Set<String> all = new LinkedHashSet<>(List.of(tags));
        for (Object tag : more) {
            if (tag instanceof String s && !s.isEmpty() && s.length() <= MAX_TAG_LENGTH && all.size() < MAX_TAGS) {
                all.add(s);
            } else if (!all.contains(tag)) {
                dropped.tagDropped();
            }
        }
        return all.toArray(NONE);
    }

    /**
     * Returns {@code tag} if it is 1 to 256 characters long.
     *
     * @throws IllegalArgumentException naming the tag otherwise
     */
    static String check(String tag) {
        Objects.requireNonNull(tag, "tag");
        if (tag.isEmpty() || tag.length() > MAX_TAG_LENGTH) {
            throw new IllegalArgumentException("tag must be 1 to " + MAX_TAG_LENGTH + " characters, but was '"
                    + (tag.length() > 40 ? tag.substring(0, 40) + "..." : tag) + "' (" + tag.length()
                    + " characters)");
        }
        return tag;
    }
}
