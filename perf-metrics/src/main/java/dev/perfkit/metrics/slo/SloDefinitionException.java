package dev.perfkit.metrics.slo;

/**
 * An SLO definition file that cannot be used; the message names the file, the field (such as
 * {@code slos[1].objective}) and what is accepted.
 */
public final class SloDefinitionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SloDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }

    SloDefinitionException(String message) {
        super(message);
    }
}
