package dev.perfkit.assets.servlet;

import dev.perfkit.assets.frontend.PageTags;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Objects;

/**
 * Sends a page's critical assets as a {@code 103 Early Hints} interim response before the page is rendered, so
 * the browser starts fetching them while the server still works: on Jetty 12 (its servlet responses turn
 * {@code sendError(103)} into an interim response) and Tomcat 10.1+ ({@code sendEarlyHints()}); elsewhere it does
 * nothing. The {@code Link} header stays on the final response too, where browsers that ignore 103 still see it.
 * Browsers act on 103 only over HTTP/2 or HTTP/3 and only on the first 103 of a navigation; over HTTP/1.1 the
 * interim response is sent and ignored. So call it once per page, with every critical asset: a second call sends a
 * second 103, which Chromium ignores.
 *
 * <pre>{@code
 * EarlyHints.send(response, vite.page("src/main.js")); // before the slow part of rendering
 * }</pre>
 */
public final class EarlyHints {
    private EarlyHints() {}

    /**
     * Sets the tags' {@code Link} header and sends a 103 where the container supports it.
     *
     * @return whether a 103 was sent
     * @throws IOException if the container failed to write the interim response
     */
    public static boolean send(HttpServletResponse response, PageTags tags) throws IOException {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(tags, "tags");
        String link = tags.linkHeader();
        if (link.isEmpty() || response.isCommitted()) {
            return false;
        }
        response.addHeader("Link", link);
        ServletResponse inner = response;
        while (inner instanceof ServletResponseWrapper w) {
            inner = w.getResponse();
        }
        String container = inner.getClass().getName();
        if (container.startsWith("org.eclipse.jetty.")) {
            response.sendError(103);
            return true;
        }
        try {
            Method send = inner.getClass().getMethod("sendEarlyHints");
            send.invoke(inner);
            return true;
        } catch (NoSuchMethodException e) {
            return false; // a container without Early Hints: the Link header on the final response remains
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
