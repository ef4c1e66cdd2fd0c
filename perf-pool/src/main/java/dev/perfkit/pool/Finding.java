package dev.perfkit.pool;

import java.util.Objects;

/**
 * One result of {@link ConfigChecks}: which setting, what really happens because of it, and how to fix it.
 *
 * <pre>{@code
 * for (Finding f : ConfigChecks.check(config, context)) {
 *   log.warn("{} {}: {} Fix: {}", f.severity(), f.setting(), f.problem(), f.fix());
 * }
 * }</pre>
 */
public final class Finding {
    private final String code;
    private final Severity severity;
    private final String setting;
    private final String problem;
    private final String fix;

    private Finding(String code, Severity severity, String setting, String problem, String fix) {
        this.code = Objects.requireNonNull(code, "code");
        this.severity = Objects.requireNonNull(severity, "severity");
        this.setting = Objects.requireNonNull(setting, "setting");
        this.problem = Objects.requireNonNull(problem, "problem");
        this.fix = Objects.requireNonNull(fix, "fix");
    }

    static Finding of(String code, Severity severity, String setting, String problem, String fix) {
        return new Finding(code, severity, setting, problem, fix);
    }

    /** A stable identifier of the check, for example {@code maxLifetime-vs-idle-session}. */
    public String code() {
        return code;
    }

    /** How much it matters, by what it does to callers. */
    public Severity severity() {
        return severity;
    }

    /** The HikariCP setting concerned. */
    public String setting() {
        return setting;
    }

    /** What happens, with the values involved. */
    public String problem() {
        return problem;
    }

    /** What to change. */
    public String fix() {
        return fix;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Finding f
                && code.equals(f.code)
                && severity == f.severity
                && setting.equals(f.setting)
                && problem.equals(f.problem)
                && fix.equals(f.fix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, severity, setting, problem, fix);
    }

    @Override
    public String toString() {
        return severity + " " + setting + " [" + code + "]: " + problem + " Fix: " + fix;
    }
}
