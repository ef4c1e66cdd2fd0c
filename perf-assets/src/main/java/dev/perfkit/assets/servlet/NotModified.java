package dev.perfkit.assets.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A 304 (RFC 9110 section 15.4.5). */
final class NotModified {
    private NotModified() {}

    static void send(HttpServletResponse resp) throws IOException {
        resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
        resp.flushBuffer();
    }
}
