package dev.perfkit.benchmarks.demo;

/** A problem the user can fix (a bad option, an unreachable server, a busy port): printed as one line, exit 2. */
final class DemoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DemoException(String message) {
        super(message);
    }

    DemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
