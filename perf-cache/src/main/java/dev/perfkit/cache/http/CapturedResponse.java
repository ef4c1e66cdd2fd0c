package dev.perfkit.cache.http;

import java.util.List;
import java.util.Objects;

/**
 * What the application answered into a capture ({@link HttpExchange#capture}): status, headers and the whole body,
 * or, when the body went over the capture's limit, the fact that it was streamed to the client instead.
 */
public final class CapturedResponse {
    private final int status;
    private final List<HttpHeader> headers;
    private final byte[] body;
    private final boolean streamed;
    private final boolean error;
    private final boolean async;

    private CapturedResponse(
            int status, List<HttpHeader> headers, byte[] body, boolean streamed, boolean error, boolean async) {
        this.status = status;
        this.headers = List.copyOf(headers);
        this.body = body;
        this.streamed = streamed;
        this.error = error;
        this.async = async;
    }

    /**
     * A complete response held in memory, not yet sent.
     *
     * @throws NullPointerException if {@code headers} or {@code body} is null
     */
    public static CapturedResponse complete(int status, List<HttpHeader> headers, byte[] body) {
        return new CapturedResponse(status, headers, Objects.requireNonNull(body, "body"), false, false, false);
    }

    /** A response whose body outgrew the limit and was sent as it came; nothing of it can be stored. */
    public static CapturedResponse streamed(int status, List<HttpHeader> headers) {
        return new CapturedResponse(status, headers, new byte[0], true, false, false);
    }

    /**
     * A response the application ended with an error call (the servlet {@code sendError}); the adapter sends it itself
     * when {@link HttpExchange#sendError} is called, so the container's error handling applies.
     */
    public static CapturedResponse error(int status, List<HttpHeader> headers) {
        return new CapturedResponse(status, headers, new byte[0], false, true, false);
    }

    /**
     * A response the application continues asynchronously (the servlet {@code startAsync}): the adapter sent what it
     * had so far and the rest goes to the client as the application writes it. Nothing of it is stored; it counts as
     * {@link #streamed()}.
     */
    public static CapturedResponse async(int status, List<HttpHeader> headers) {
        return new CapturedResponse(status, headers, new byte[0], true, false, true);
    }

    public int status() {
        return status;
    }

    public List<HttpHeader> headers() {
        return headers;
    }

    /** The body; empty when {@link #streamed()} or {@link #error()}. Not copied: do not modify. */
    public byte[] body() {
        return body;
    }

    public boolean streamed() {
        return streamed;
    }

    public boolean error() {
        return error;
    }

    /** Whether the application continued asynchronously (see {@link #async(int, List)}); then also streamed. */
    public boolean async() {
        return async;
    }
}
