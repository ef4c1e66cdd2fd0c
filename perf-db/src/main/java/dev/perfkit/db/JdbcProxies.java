package dev.perfkit.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Dynamic proxies that record JDBC statements into a {@link QueryInstrumentation}: DataSource hands out
 * proxied Connections, which hand out proxied Statements ({@link StatementRecorder}) whose {@code execute*}
 * calls are timed and whose ResultSets count the rows read ({@link ResultSetRowCounter}). The driver's own
 * exceptions pass through unchanged; perfkit's recording never throws.
 */
final class JdbcProxies {
    private JdbcProxies() {}

    static DataSource dataSource(DataSource target, QueryInstrumentation instrumentation) {
        return proxy(DataSource.class, (p, m, args) -> {
            Object result = invoke(target, m, args);
            if (result instanceof Connection connection && m.getName().equals("getConnection")) {
                return connection(connection, instrumentation);
            }
            return result;
        });
    }

    /**
     * A recording Connection. It also answers {@code isWrapperFor(Instrumented.class)} and
     * {@code unwrap(Instrumented.class)}, so the jOOQ listener of the same instrumentation can see through
     * jOOQ's own connection wrapper that this connection records already and not record twice.
     */
    static Connection connection(Connection target, QueryInstrumentation instrumentation) {
        Instrumented marker = () -> instrumentation;
        return proxy(Connection.class, (p, m, args) -> {
            String name = m.getName();
            if (args != null && args.length == 1 && args[0] == Instrumented.class) {
                if (name.equals("isWrapperFor")) {
                    return true;
                }
                if (name.equals("unwrap")) {
                    return marker;
                }
            }
            Object result = invoke(target, m, args);
            if (result instanceof CallableStatement statement && name.equals("prepareCall")) {
                return statement(CallableStatement.class, statement, (String) args[0], instrumentation);
            }
            if (result instanceof PreparedStatement statement && name.equals("prepareStatement")) {
                return statement(PreparedStatement.class, statement, (String) args[0], instrumentation);
            }
            if (result instanceof Statement statement && name.equals("createStatement")) {
                return statement(Statement.class, statement, null, instrumentation);
            }
            return result;
        });
    }

    /** What a connection recorded by {@link #connection} unwraps to: the instrumentation that records it. */
    interface Instrumented {
        QueryInstrumentation instrumentation();
    }

    private static <S extends Statement> S statement(
            Class<S> type, Statement target, @Nullable String preparedSql, QueryInstrumentation instrumentation) {
        StatementRecorder recorder = new StatementRecorder(target, preparedSql, instrumentation);
        S proxy = proxy(type, recorder);
        recorder.proxy = proxy;
        return proxy;
    }

    static ResultSet resultSet(ResultSet target, ResultSetRowCounter counter) {
        return proxy(ResultSet.class, counter);
    }

    static @Nullable Object invoke(Object target, Method method, Object @Nullable [] args) throws Throwable {
        if (method.getName().equals("unwrap")
                && args != null
                && args[0] instanceof Class<?> type
                && type.isInstance(target)) {
            return target;
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
