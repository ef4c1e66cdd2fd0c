package dev.perfkit.pool;

/**
 * How much a {@link Finding} matters.
 *
 * <pre>{@code
 * boolean mustFix = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
 * }</pre>
 */
public enum Severity {
    /** Worth knowing; the pool works as configured. */
    INFO,
    /** Likely to hurt under some conditions (a restart, a burst, a slow query). */
    WARNING,
    /** Broken as configured: errors or silently ignored settings are certain. */
    ERROR
}
