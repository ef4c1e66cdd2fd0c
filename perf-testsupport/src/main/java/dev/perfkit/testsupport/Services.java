package dev.perfkit.testsupport;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when a real service it needs cannot be had.
 *
 * <p>On a developer's laptop the test is skipped with a loud message that names what is missing. In CI
 * ({@code CI=true}) nothing may be skipped for that reason: the test fails.
 *
 * <pre>{@code
 * if (!redisOnPath) {
 *   throw Services.missing("redis-server on PATH (or PERFKIT_REDIS_URL)", null);
 * }
 * }</pre>
 */
public final class Services {
    private Services() {}

    /** Whether this run is CI ({@code CI=true}), where a missing service fails instead of skipping. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Reports a service that cannot be had: fails in CI, otherwise aborts (skips) the running test.
     *
     * @param what what is missing and how to provide it, for example {@code "redis-server on PATH"}
     * @param cause why it could not be had, or {@code null}
     * @return never returns normally; declared so callers can write {@code throw Services.missing(...)}
     * @throws AssertionError in CI
     * @throws org.opentest4j.TestAbortedException outside CI, which JUnit reports as skipped
     */
    public static AssertionError missing(String what, @org.jspecify.annotations.Nullable Throwable cause) {
        String message = "perfkit test service missing: " + what + (cause == null ? "" : " (" + cause + ")");
        if (inCi()) {
            throw new AssertionError(message + " -- CI=true, so this fails instead of skipping", cause);
        }
        System.err.println("*** SKIPPED *** " + message);
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }
}
