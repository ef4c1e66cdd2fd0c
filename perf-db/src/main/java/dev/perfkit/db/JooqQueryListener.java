package dev.perfkit.db;

import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.jooq.Result;

/**
 * The jOOQ side of {@link QueryInstrumentation}: times each execution from {@code executeStart} to
 * {@code end} (so fetching counts) and hands SQL, time and rows over. Inlined SQL is rendered only when a
 * scope or the slow log needs it. On a connection of the same instrumentation's {@code wrap(dataSource)} it
 * records nothing, since the wrapper records that execution already.
 */
final class JooqQueryListener implements ExecuteListener {
    private static final long serialVersionUID = 1L;
    /** This listener's key in the execute context's data, which all listeners of the context share. */
    private final transient Object start = new Object();

    private final transient QueryInstrumentation instrumentation;

    JooqQueryListener(QueryInstrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        if (!recordedByWrapper(ctx)) {
            ctx.data(start, System.nanoTime());
        }
    }

    /**
     * Whether the connection is one of this instrumentation's wrapped connections, which records the same
     * execution itself: jOOQ given both {@code wrap(dataSource)} and {@code executeListener()} records once.
     */
    private boolean recordedByWrapper(ExecuteContext ctx) {
        try {
            Connection connection = ctx.connection();
            return connection != null
                    && connection.isWrapperFor(JdbcProxies.Instrumented.class)
                    && connection.unwrap(JdbcProxies.Instrumented.class).instrumentation() == instrumentation;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void end(ExecuteContext ctx) {
        try {
            record(ctx);
        } catch (RuntimeException e) {
            instrumentation.failed(e);
        }
    }

    private void record(ExecuteContext ctx) {
        Object startNanos = ctx.data(start);
        if (!(startNanos instanceof Long started)) {
            return;
        }
        long nanos = System.nanoTime() - started;
        String sql = ctx.sql();
        String[] batch = ctx.batchSQL();
        if (sql == null && batch.length > 0) {
            sql = batch[0];
        }
        if (sql == null) {
            return;
        }
        Result<?> result = ctx.result();
        long rows = result != null ? result.size() : ctx.rows();
        if (batch.length > 1) {
            rows = 0;
            for (int r : ctx.batchRows()) {
                rows += Math.max(0, r);
            }
        }
        Query query = ctx.query();
        instrumentation.onStatement(sql, query == null ? null : () -> ctx.dsl().renderInlined(query), nanos, rows);
    }
}
