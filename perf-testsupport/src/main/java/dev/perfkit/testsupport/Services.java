package dev.perfkit.testsupport;

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
        if (inCi()) {
            throw failure(what, cause);
        }
        org.opentest4j.TestAbortedException skip = skip(what, cause);
        System.err.println("*** SKIPPED *** " + skip.getMessage());
        throw skip;
    }

    /** What {@link #missing} throws in CI; package-private so the fixture's own test checks it without throwing. */
    static AssertionError failure(String what, @org.jspecify.annotations.Nullable Throwable cause) {
        return new AssertionError(message(what, cause) + " -- CI=true, so this fails instead of skipping", cause);
    }

    /** What {@link #missing} throws outside CI (JUnit reports it as a skip), without the banner. */
    static org.opentest4j.TestAbortedException skip(String what, @org.jspecify.annotations.Nullable Throwable cause) {
        return new org.opentest4j.TestAbortedException(message(what, cause), cause);
    }

    private static String message(String what, @org.jspecify.annotations.Nullable Throwable cause) {
        return "perfkit test service missing: " + what + (cause == null ? "" : " (" + cause + ")");
    }
}
