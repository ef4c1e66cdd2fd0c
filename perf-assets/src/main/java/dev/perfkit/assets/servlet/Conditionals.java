package dev.perfkit.assets.servlet;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The preconditions of RFC 9110 section 13.2.2 against one representation, in their order: If-Match (strong
 * comparison, else 412), If-Unmodified-Since when there is no If-Match (412), If-None-Match (weak comparison, 304),
 * If-Modified-Since when there is no If-None-Match (304); then If-Range for a Range. List headers sent over several
 * lines count as one list; a date that does not parse is ignored.
 */
final class Conditionals {
    /** What the preconditions decide for a GET or HEAD. */
    enum Outcome {
        PROCEED,
        NOT_MODIFIED,
        PRECONDITION_FAILED
    }

    private Conditionals() {}

    static Outcome evaluate(HttpServletRequest req, String etag, long lastModifiedMillis) {
        String ifMatch = RequestHeaders.combined(req, "If-Match");
        if (ifMatch != null) {
            if (!matches(ifMatch, etag, false)) {
                return Outcome.PRECONDITION_FAILED;
            }
        } else {
            long since = date(req, "If-Unmodified-Since");
            if (since >= 0 && lastModifiedMillis > since) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        String ifNoneMatch = RequestHeaders.combined(req, "If-None-Match");
        if (ifNoneMatch != null) {
            return matches(ifNoneMatch, etag, true) ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
        }
        long since = date(req, "If-Modified-Since");
        return since >= 0 && lastModifiedMillis <= since ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
    }

    /**
     * Whether the list (or {@code *}) names {@code etag}; the weak comparison ignores a {@code W/} prefix, the strong
     * one never matches a weak tag. An element that is not a quoted entity tag ends the list.
     */
    static boolean matches(String header, String etag, boolean weak) {
        String h = header.trim();
        if (h.equals("*")) {
            return true;
        }
        int i = 0;
        while (i < h.length()) {
            char c = h.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            boolean isWeak = h.startsWith("W/", i);
            int open = isWeak ? i + 2 : i;
            if (open >= h.length() || h.charAt(open) != '"') {
                return false;
            }
            int close = h.indexOf('"', open + 1);
            if (close < 0) {
                return false;
            }
            if ((weak || !isWeak)
                    && h.regionMatches(open, etag, 0, etag.length())
                    && close - open + 1 == etag.length()) {
                return true;
            }
            i = close + 1;
        }
        return false;
    }

    /**
     * Whether the Range header should be honoured: no If-Range, or an If-Range whose entity tag strongly matches.
     * A date never matches: serving the whole representation is always correct, a date-based range rarely needed.
     */
    static boolean ifRange(@Nullable String header, String etag) {
        return header == null || header.trim().equals(etag);
    }

    private static long date(HttpServletRequest req, String name) {
        try {
            return req.getDateHeader(name);
        } catch (IllegalArgumentException e) {
            return -1; // not an HTTP-date: the field is ignored (RFC 9110 sections 13.1.3 and 13.1.4)
        }
    }
}
