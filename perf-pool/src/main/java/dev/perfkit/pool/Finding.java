package dev.perfkit.pool;

import java.util.Objects;

/**
 * One result of {@link ConfigChecks}: which setting, what is wrong with it, and how to fix it.
 *
 * <pre>{@code
 * for (Finding f : ConfigChecks.check(config, context)) {
 *   log.warn("{} {}: {} Fix: {}", f.severity(), f.setting(), f.problem(), f.fix());
 * }
 * }</pre>
 *
 * @param code a stable identifier of the check, for example {@code maxLifetime-vs-idle-session}
 * @param severity how much it matters
 * @param setting the HikariCP setting concerned
 * @param problem what is wrong, with the values involved
 * @param fix what to change
 */
public record Finding(String code, Severity severity, String setting, String problem, String fix) {

    /** @throws NullPointerException when a value is null */
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(fix, "fix");
    }

    @Override
    public String toString() {
        return severity + " " + setting + " [" + code + "]: " + problem + " Fix: " + fix;
    }
}
