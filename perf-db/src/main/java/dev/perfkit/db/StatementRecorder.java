package dev.perfkit.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The handler of a wrapped Statement: times {@code execute*} calls, records them under their fingerprint,
 * wraps the result sets they return so rows read are counted, and records plain-Statement batches per
 * distinct fingerprint. Statements are used by one thread at a time (JDBC), so the state is unsynchronized.
 * Bookkeeping failures go to {@link QueryInstrumentation#failed}; only the driver's exceptions reach the caller.
 */
final class StatementRecorder implements InvocationHandler {
    private final Statement target;
    private final @Nullable String preparedSql;
    private final QueryInstrumentation instrumentation;
    private final List<String> batch = new ArrayList<>();
    /** The proxy handed to the user, returned by {@code ResultSet.getStatement()}; set right after creation. */
    @Nullable
    Statement proxy;

    private @Nullable String lastFingerprint;
    private @Nullable ResultSetRowCounter open;
    private @Nullable ResultSet openProxy;

    StatementRecorder(Statement target, @Nullable String preparedSql, QueryInstrumentation instrumentation) {
        this.target = target;
        this.preparedSql = preparedSql;
        this.instrumentation = instrumentation;
    }

    @Override
    public @Nullable Object invoke(Object p, Method m, Object @Nullable [] args) throws Throwable {
        String name = m.getName();
        return switch (name) {
            case "addBatch" -> {
                Object result = JdbcProxies.invoke(target, m, args);
                if (args != null && args.length == 1 && args[0] instanceof String sql) {
                    batch.add(sql);
                }
                yield result;
            }
            case "clearBatch" -> {
                batch.clear();
                yield JdbcProxies.invoke(target, m, args);
            }
            case "getResultSet" -> resultSet(JdbcProxies.invoke(target, m, args));
            case "getMoreResults", "close" -> {
                flushOpen();
                yield JdbcProxies.invoke(target, m, args);
            }
            default -> name.startsWith("execute") ? execute(name, m, args) : JdbcProxies.invoke(target, m, args);
        };
    }

    private @Nullable Object execute(String name, Method m, Object @Nullable [] args) throws Throwable {
        flushOpen();
        lastFingerprint = null;
        boolean statementBatch = !batch.isEmpty() && (name.equals("executeBatch") || name.equals("executeLargeBatch"));
        List<String> elements = statementBatch ? new ArrayList<>(batch) : List.of();
        if (statementBatch) {
            batch.clear(); // JDBC empties the batch when executeBatch returns or fails
        }
        long start = System.nanoTime();
        Object result = JdbcProxies.invoke(target, m, args);
        long nanos = System.nanoTime() - start;
        try {
            if (statementBatch) {
                recordBatch(elements, result, nanos);
                return result;
            }
            String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : preparedSql;
            if (sql != null) {
                lastFingerprint = instrumentation.onStatement(sql, null, nanos, rows(result));
                if (result instanceof ResultSet) {
                    return resultSet(result);
                }
            }
        } catch (RuntimeException e) {
            instrumentation.failed(e);
        }
        return result;
    }

    /** One call per distinct fingerprint; rows are its summed update counts, time is shared by element count. */
    private void recordBatch(List<String> elements, @Nullable Object result, long nanos) {
        Map<String, BatchShape> shapes = new LinkedHashMap<>();
        QueryStats stats = instrumentation.stats();
        for (int i = 0; i < elements.size(); i++) {
            String sql = elements.get(i);
            BatchShape shape = shapes.computeIfAbsent(stats.fingerprint(sql), f -> new BatchShape(sql));
            shape.elements++;
            shape.rows += Math.max(0, updateCount(result, i));
        }
        for (BatchShape shape : shapes.values()) {
            instrumentation.onStatement(shape.sql, null, nanos * shape.elements / elements.size(), shape.rows);
        }
    }

    /** The elements of one fingerprint in a Statement batch. */
    private static final class BatchShape {
        final String sql;
        long elements;
        long rows;

        BatchShape(String sql) {
            this.sql = sql;
        }
    }

    private static long updateCount(@Nullable Object result, int i) {
        if (result instanceof int[] counts && i < counts.length) {
            return counts[i];
        }
        if (result instanceof long[] counts && i < counts.length) {
            return counts[i];
        }
        return 0;
    }

    private long rows(@Nullable Object result) {
        if (result instanceof Integer count) {
            return count;
        }
        if (result instanceof Long count) {
            return count;
        }
        if (Boolean.FALSE.equals(result)) {
            try {
                return target.getUpdateCount();
            } catch (java.sql.SQLException | RuntimeException e) {
                return 0;
            }
        }
        long sum = 0;
        int n = result instanceof int[] ints ? ints.length : result instanceof long[] longs ? longs.length : 0;
        for (int i = 0; i < n; i++) {
            sum += Math.max(0, updateCount(result, i));
        }
        return sum;
    }

    /** Wraps a result set of the last execution, returning the same wrapper for the same driver result set. */
    private @Nullable Object resultSet(@Nullable Object result) {
        String fingerprint = lastFingerprint;
        if (!(result instanceof ResultSet driverResultSet) || fingerprint == null) {
            return result;
        }
        if (open != null && open.wraps(result)) {
            return openProxy;
        }
        flushOpen();
        ResultSetRowCounter counter = new ResultSetRowCounter(driverResultSet, fingerprint, this, instrumentation);
        ResultSet wrapped = JdbcProxies.resultSet(driverResultSet, counter);
        open = counter;
        openProxy = wrapped;
        return wrapped;
    }

    /** The user's proxy when {@code owner} is this statement's driver object, else {@code owner} itself. */
    @Nullable
    Object proxyFor(@Nullable Object owner) {
        return owner == target && proxy != null ? proxy : owner;
    }

    private void flushOpen() {
        ResultSetRowCounter counter = open;
        if (counter != null) {
            open = null;
            openProxy = null;
            counter.flush();
        }
    }
}
