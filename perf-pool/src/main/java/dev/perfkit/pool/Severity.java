package dev.perfkit.pool;

/**
 * How much a {@link Finding} matters, judged by what the pool really does (measured on PostgreSQL and MariaDB with
 * HikariCP), not by what could go wrong in theory.
 *
 * <pre>{@code
 * boolean mustFix = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
 * }</pre>
 */
public enum Severity {
    /** Worth knowing; the pool works as configured. */
    INFO,
    /** Costs callers time or fills the log under some conditions (an idle cut, a restart, a burst); nothing fails. */
    WARNING,
    /** Broken as configured: calls fail, or HikariCP silently ignores a setting. */
    ERROR
}
