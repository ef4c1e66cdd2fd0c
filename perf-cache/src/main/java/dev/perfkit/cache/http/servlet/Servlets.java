package dev.perfkit.cache.http.servlet;

import dev.perfkit.cache.http.HttpHeader;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Writing headers to a real servlet response, and cookies as Set-Cookie lines (RFC 6265). */
final class Servlets {
    private Servlets() {}

    static void apply(HttpServletResponse response, List<HttpHeader> headers) {
        Set<String> seen = new HashSet<>();
        for (HttpHeader h : headers) {
            String lower = h.name().toLowerCase(Locale.ROOT);
            if (lower.equals("content-type")) {
                response.setContentType(h.value());
            } else if (lower.equals("content-length")) {
                response.setContentLengthLong(Long.parseLong(h.value()));
            } else if (seen.add(lower)) {
                response.setHeader(h.name(), h.value());
            } else {
                response.addHeader(h.name(), h.value());
            }
        }
    }

    static String setCookie(Cookie cookie) {
        StringBuilder sb = new StringBuilder();
        sb.append(cookie.getName()).append('=').append(cookie.getValue() == null ? "" : cookie.getValue());
        if (cookie.getMaxAge() >= 0) {
            sb.append("; Max-Age=").append(cookie.getMaxAge());
        }
        if (cookie.getDomain() != null) {
            sb.append("; Domain=").append(cookie.getDomain());
        }
        if (cookie.getPath() != null) {
            sb.append("; Path=").append(cookie.getPath());
        }
        if (cookie.getSecure()) {
            sb.append("; Secure");
        }
        if (cookie.isHttpOnly()) {
            sb.append("; HttpOnly");
        }
        for (Map.Entry<String, String> a : cookie.getAttributes().entrySet()) {
            String k = a.getKey();
            if (Set.of("max-age", "domain", "path", "secure", "httponly").contains(k.toLowerCase(Locale.ROOT))) {
                continue;
            }
            sb.append("; ").append(k);
            if (a.getValue() != null && !a.getValue().isEmpty()) {
                sb.append('=').append(a.getValue());
            }
        }
        return sb.toString();
    }
}
