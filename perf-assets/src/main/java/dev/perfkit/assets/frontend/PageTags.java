package dev.perfkit.assets.frontend;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The tags of one page, in the order the page must have them: every stylesheet, then the entry scripts, then the
 * modulepreload links. Each URL appears once.
 *
 * @param tags the tags, in order
 */
public record PageTags(List<Tag> tags) {
    /**
     * Copies the tags.
     *
     * @throws NullPointerException if tags is null
     */
    public PageTags {
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
    }

    /** The tags as HTML, one per line, for the page's {@code <head>}. */
    public String html() {
        return tags.stream().map(Tag::html).collect(Collectors.joining("\n"));
    }

    /**
     * The tags as one {@code Link} header value (styles as {@code preload; as=style}, scripts as
     * {@code modulepreload}), for a 103 Early Hints response or the final response; "" when there are none.
     */
    public String linkHeader() {
        return tags.stream().map(Tag::linkValue).collect(Collectors.joining(", "));
    }
}
