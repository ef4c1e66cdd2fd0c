package dev.perfkit.db;

import java.security.CodeSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the first stack frame that belongs to the application: not perfkit's own classes (recognised by
 * their code source, so users' classes in {@code dev.perfkit} test trees still count), not jOOQ, the JDK,
 * JDBC drivers, pools or servlet containers. Called only when an event is raised, never per statement.
 */
final class CallSite {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final String[] FRAMEWORK_PREFIXES = {
        "org.jooq.",
        "java.",
        "javax.",
        "jdk.",
        "sun.",
        "com.sun.",
        "org.postgresql.",
        "com.zaxxer.hikari.",
        "jakarta.servlet.",
        "org.eclipse.jetty.",
        "org.junit.",
        "org.apache.maven."
    };
    private static final CodeSource PERFKIT =
            CallSite.class.getProtectionDomain().getCodeSource();

    private CallSite() {}

    /** Returns {@code Class.method(File:line)} of the first application frame, or {@code "unknown"}. */
    static String find() {
        Optional<StackWalker.StackFrame> frame =
                WALKER.walk(frames -> frames.filter(CallSite::isApplication).findFirst());
        return frame.map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
                        + f.getLineNumber() + ")")
                .orElse("unknown");
    }

    private static boolean isApplication(StackWalker.StackFrame frame) {
        String name = frame.getClassName();
        for (String prefix : FRAMEWORK_PREFIXES) {
            if (name.startsWith(prefix)) {
                return false;
            }
        }
        if (name.startsWith("dev.perfkit.db.")) {
            CodeSource source = frame.getDeclaringClass().getProtectionDomain().getCodeSource();
            return !Objects.equals(source, PERFKIT);
        }
        return true;
    }
}
