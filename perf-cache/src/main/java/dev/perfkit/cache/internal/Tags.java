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

    /** Returns {@code tags} plus the checked {@code more}, capped like any entry's tags. */
    String[] merge(String[] tags, Collection<String> more) {
        if (more.isEmpty()) {
            return tags;
        }
        Set<String> all = new LinkedHashSet<>(List.of(tags));
        more.forEach(tag -> all.add(check(tag)));
        if (all.size() > MAX_TAGS) {
            throw new IllegalArgumentException(
                    "an entry may carry at most " + MAX_TAGS + " tags, but has " + all.size());
        }
        return all.toArray(NONE);
    }

    static String check(String tag) {
        Objects.requireNonNull(tag, "tag");
        if (tag.isEmpty() || tag.length() > MAX_TAG_LENGTH) {
            throw new IllegalArgumentException(
                    "tag must be 1 to " + MAX_TAG_LENGTH + " characters, but was " + tag.length() + " characters long");
        }
        return tag;
    }
}
