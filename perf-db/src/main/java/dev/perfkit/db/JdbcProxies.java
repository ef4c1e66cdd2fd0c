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
            if (result instanceof Connection && m.getName().equals("getConnection")) {
                return connection((Connection) result, instrumentation);
            }
            return result;
        });
    }

    static Connection connection(Connection target, QueryInstrumentation instrumentation) {
        return proxy(Connection.class, (p, m, args) -> {
            Object result = invoke(target, m, args);
            String name = m.getName();
            if (result instanceof CallableStatement && name.equals("prepareCall")) {
                return statement(CallableStatement.class, (Statement) result, (String) args[0], instrumentation);
            }
            if (result instanceof PreparedStatement && name.equals("prepareStatement")) {
                return statement(PreparedStatement.class, (Statement) result, (String) args[0], instrumentation);
            }
            if (result instanceof Statement && name.equals("createStatement")) {
                return statement(Statement.class, (Statement) result, null, instrumentation);
            }
            return result;
        });
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
                && args[0] instanceof Class
                && ((Class<?>) args[0]).isInstance(target)) {
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
