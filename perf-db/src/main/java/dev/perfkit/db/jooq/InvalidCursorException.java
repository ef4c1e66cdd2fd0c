package dev.perfkit.db.jooq;

/**
 * A page token that {@link KeysetPager#next} cannot accept: malformed, altered, signed with another key, or
 * made by a pager with another ordering. A web layer can map it to 400 Bad Request; its message is the same
 * for every cause, so it tells a client nothing about the token format.
 *
 * <pre>{@code
 * try {
 *   page = pager.next(dsl, request.getParameter("after"));
 * } catch (InvalidCursorException e) {
 *   response.sendError(400, e.getMessage());
 * }
 * }</pre>
 */
public final class InvalidCursorException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The one message of every invalid token. */
    public static final String MESSAGE = "invalid page token";

    InvalidCursorException() {
        super(MESSAGE);
    }
}
