package dev.perfkit.metrics.bench;

/** A JMH result file that cannot be read; the message names the file and the field, such as {@code [2].mode}. */
public final class JmhFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JmhFormatException(String message) {
        super(message);
    }

    JmhFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
