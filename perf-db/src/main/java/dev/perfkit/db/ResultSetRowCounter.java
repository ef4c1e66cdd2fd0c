package dev.perfkit.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import org.jspecify.annotations.Nullable;

/**
 * The handler of a wrapped ResultSet: counts the rows that {@code next()} moves onto and adds them to the
 * statement's fingerprint when the result set is exhausted or closed, or when its statement flushes it.
 * One plain counter per result set (JDBC result sets are used by one thread); the flush adds the rows
 * counted since the previous flush, so flushing twice never counts a row twice.
 */
final class ResultSetRowCounter implements InvocationHandler {
    private final ResultSet target;
    private final String fingerprint;
    private final StatementRecorder statement;
    private final QueryInstrumentation instrumentation;
    private long rows;

    ResultSetRowCounter(
            ResultSet target, String fingerprint, StatementRecorder statement, QueryInstrumentation instrumentation) {
        this.target = target;
        this.fingerprint = fingerprint;
        this.statement = statement;
        this.instrumentation = instrumentation;
    }

    boolean wraps(@Nullable Object resultSet) {
        return resultSet == target;
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
        return switch (method.getName()) {
            case "next" -> {
                Object more = JdbcProxies.invoke(target, method, args);
                if (Boolean.TRUE.equals(more)) {
                    rows++;
                } else {
                    flush();
                }
                yield more;
            }
            case "close" -> {
                flush();
                yield JdbcProxies.invoke(target, method, args);
            }
            case "getStatement" -> statement.proxyFor(JdbcProxies.invoke(target, method, args));
            default -> JdbcProxies.invoke(target, method, args);
        };
    }

    /** Adds the rows counted since the last flush to the fingerprint. */
    void flush() {
        long counted = rows;
        if (counted > 0) {
            rows = 0;
            instrumentation.onRowsRead(fingerprint, counted);
        }
    }
}
