package dev.perfkit.db.advisor;

/**
 * Thrown when the advisor cannot run at all: the database is unreachable, HypoPG is missing and the transactional
 * mode was not chosen, or a workload source cannot be read. Problems with single statements never throw; they
 * are listed in {@link AdvisorReport#skipped()}.
 *
 * <pre>{@code
 * try {
 *   report = advisor.advise(connection, workload);
 * } catch (AdvisorException e) {
 *   System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public final class AdvisorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do
     * @param cause the underlying failure, or null
     */
    public AdvisorException(String message, @org.jspecify.annotations.Nullable Throwable cause) {
        super(message, cause);
    }
}
