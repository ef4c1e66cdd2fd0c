package dev.perfkit.assets.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;

/**
 * A list-valued request header as one value: every line of it joined with {@code ", "}, since a sender may split a
 * list over several lines (RFC 9110 section 5.3), or null when it is absent. Bounded: lines past
 * {@value #MAX_CHARS} characters in total are ignored.
 */
final class RequestHeaders {
    static final int MAX_CHARS = 8192;

    private RequestHeaders() {}

    static @Nullable String combined(HttpServletRequest req, String name) {
        Enumeration<String> lines = req.getHeaders(name);
        if (lines == null || !lines.hasMoreElements()) {
            return null;
        }
        String first = lines.nextElement();
        if (!lines.hasMoreElements()) {
            return first;
        }
        StringBuilder all = new StringBuilder(first);
        while (lines.hasMoreElements() && all.length() < MAX_CHARS) {
            all.append(", ").append(lines.nextElement());
        }
        return all.toString();
    }
}
