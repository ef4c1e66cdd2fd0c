package dev.perfkit.assets.servlet;

import org.jspecify.annotations.Nullable;

/** If-None-Match (weak comparison) and If-Range (strong comparison) against one representation's ETag. */
final class Conditionals {
    private Conditionals() {}

    /** Whether If-None-Match lists {@code etag} (or {@code *}), so the answer is 304. */
    static boolean noneMatch(@Nullable String header, String etag) {
        if (header == null) {
            return false;
        }
        if (header.trim().equals("*")) {
            return true;
        }
        for (String candidate : header.split(",", -1)) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the Range header should be honoured: no If-Range, or an If-Range whose entity tag strongly matches.
     * A date or a weak tag never matches (these representations carry no Last-Modified).
     */
    static boolean ifRange(@Nullable String header, String etag) {
        return header == null || header.trim().equals(etag);
    }
}
