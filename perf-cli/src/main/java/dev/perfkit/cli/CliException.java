package dev.perfkit.cli;

/**
 * Ends a subcommand with an exit code and a one-line message on stderr. Thrown for what is not a picocli
 * argument error: an unreachable database, a folder without a manifest, a run that failed.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * A failure that ends the command with {@code exitCode}.
     *
     * @param exitCode {@link Exit#PROBLEM} or {@link Exit#BAD_INPUT}
     * @param message one line saying what went wrong and, where there is one, what to do
     */
    public CliException(int exitCode, String message) {
        super(message);
        if (exitCode != Exit.PROBLEM && exitCode != Exit.BAD_INPUT) {
            throw new IllegalArgumentException("exitCode must be 1 or 2, but was " + exitCode);
        }
        this.exitCode = exitCode;
    }

    /**
     * A failure that ends the command with {@code exitCode}, caused by {@code cause}.
     *
     * @param exitCode {@link Exit#PROBLEM} or {@link Exit#BAD_INPUT}
     * @param message one line saying what went wrong
     * @param cause the underlying failure
     */
    public CliException(int exitCode, String message, Throwable cause) {
        this(exitCode, message);
        initCause(cause);
    }

    /**
     * Returns the exit code the command ends with.
     *
     * @return {@link Exit#PROBLEM} or {@link Exit#BAD_INPUT}
     */
    public int exitCode() {
        return exitCode;
    }
}
