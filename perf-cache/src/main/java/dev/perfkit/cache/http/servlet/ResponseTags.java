package dev.perfkit.cache.http.servlet;

import jakarta.servlet.ServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tags the response to a request, from inside its handler, so {@code HttpResponseCache.invalidateTag} finds it and a
 * CDN can purge it by {@code Surrogate-Key} or {@code Cache-Tag}.
 *
 * <pre>{@code
 * ResponseTags.add(request, "product:" + id, "catalog");
 * }</pre>
 */
public final class ResponseTags {
    static final String ATTRIBUTE = ResponseTags.class.getName();
    private static final int MAX_TAGS = 32;

    private ResponseTags() {}

    /**
     * Adds tags to the response of {@code request}.
     *
     * @throws IllegalArgumentException if a tag is empty, longer than 256 characters, or has whitespace, commas or
     *     control characters, or the response would carry more than 32 tags
     */
    public static void add(ServletRequest request, String... tags) {
        Objects.requireNonNull(request, "request");
        List<String> list = list(request);
        for (String tag : tags) {
            Objects.requireNonNull(tag, "tag");
            if (tag.isEmpty() || tag.length() > 256 || !tag.chars().allMatch(c -> c > 32 && c < 127 && c != ',')) {
                throw new IllegalArgumentException("a tag is 1 to 256 visible ASCII characters without commas, but"
                        + " was '" + (tag.length() > 40 ? tag.substring(0, 40) + "..." : tag) + "'");
            }
            if (!list.contains(tag)) {
                if (list.size() >= MAX_TAGS) {
                    throw new IllegalArgumentException(
                            "a response carries at most " + MAX_TAGS + " tags; '" + tag + "' would be one more");
                }
                list.add(tag);
            }
        }
    }

    /** The tags added to the response of {@code request} so far. */
    public static List<String> of(ServletRequest request) {
        Object value = request.getAttribute(ATTRIBUTE);
        if (value instanceof TagList tags) {
            return List.copyOf(tags);
        }
        return List.of();
    }

    static void reset(ServletRequest request) {
        request.setAttribute(ATTRIBUTE, new TagList());
    }

    private static List<String> list(ServletRequest request) {
        Object value = request.getAttribute(ATTRIBUTE);
        if (value instanceof TagList tags) {
            return tags;
        }
        TagList tags = new TagList();
        request.setAttribute(ATTRIBUTE, tags);
        return tags;
    }

    /** A type of its own, so an attribute of the same name set by someone else is never trusted as the tag list. */
    private static final class TagList extends ArrayList<String> {
        private static final long serialVersionUID = 1L;
    }
}
