package dev.perfkit.cache.http;

import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One request and its response as a framework adapter hands them to {@link HttpResponseCache#handle}; the servlet
 * adapter is {@code dev.perfkit.cache.http.servlet.ResponseCacheFilter}. Implementations are used by one thread.
 */
public interface HttpExchange extends CacheRequest {
    /** Runs the application on the real response, untouched. */
    void proceed() throws Exception;

    /**
     * Runs the application with its response captured instead of sent: status and headers recorded, the body
     * buffered up to {@code bodyLimit} bytes. Past the limit (unless {@code detached}) the adapter sends the status and
     * {@code onStream} applied to the recorded headers, then everything buffered, and streams the rest.
     *
     * @param bodyLimit the most body bytes to buffer
     * @param detached whether the real response was already sent (a background revalidation): then nothing ever
     *     reaches the client and a body past the limit is dropped, reported as {@link CapturedResponse#streamed()}
     * @param requestHeaders the request headers to replace for the application (an empty list removes the header);
     *     used to send a conditional request to the handler when revalidating
     * @param removedRequestHeaders request headers the application must not see (the client's conditionals, when
     *     revalidating)
     * @param onStream called once, before the body is streamed, for the headers to send
     * @throws Exception what the application threw; nothing captured is sent then
     */
    CapturedResponse capture(
            int bodyLimit,
            boolean detached,
            List<HttpHeader> requestHeaders,
            List<String> removedRequestHeaders,
            StreamStart onStream)
            throws Exception;

    /**
     * Sends a response: status, exactly these headers, and {@code body} ({@code null} for none, as for 304 and HEAD).
     */
    void send(int status, List<HttpHeader> headers, byte @Nullable [] body) throws IOException;

    /** Sends an {@linkplain CapturedResponse#error() error} capture the way the framework sends errors. */
    void sendError(CapturedResponse error, List<HttpHeader> headers) throws IOException;

    /** Makes what was sent so far reach the client, so it has the complete response (before a detached capture). */
    void flush() throws IOException;

    /** The context path the application runs under ({@code ""} at the root), as Location headers include it. */
    default String contextPath() {
        return "";
    }

    /**
     * Runs {@code action} once the application's response is complete: at once, unless the last {@link #capture}
     * returned an {@linkplain CapturedResponse#async() async} response, and then when the application completes it
     * (whatever the outcome: done, timed out, failed). {@code action} may run on another thread and must not touch the
     * exchange.
     */
    default void whenComplete(Runnable action) {
        action.run();
    }

    /** The tags the application added for this request (see the adapter's {@code ResponseTags}). */
    List<String> tags();

    /** Decides the headers of a captured response whose body outgrew the capture limit, just before it is streamed. */
    @FunctionalInterface
    interface StreamStart {
        /** Returns the headers to send with {@code status}, given those the application set. */
        List<HttpHeader> headers(int status, List<HttpHeader> recorded);

        /**
         * Whether the application's header {@code name} belongs to the cache and must never reach the client (the
         * tag header): an adapter that passes headers set later straight through, as after an asynchronous
         * handover, drops these. The default: none.
         *
         * @param name a header name, in any case
         * @return whether to drop it
         */
        default boolean internal(String name) {
            return false;
        }
    }
}
