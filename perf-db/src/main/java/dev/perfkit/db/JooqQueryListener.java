package dev.perfkit.db;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.jooq.Result;

/**
 * The jOOQ side of {@link QueryInstrumentation}: times each execution from {@code executeStart} to
 * {@code end} (so fetching counts) and hands SQL, time and rows over. Inlined SQL is rendered only when a
 * scope or the slow log needs it.
 */
final class JooqQueryListener implements ExecuteListener {
    private static final long serialVersionUID = 1L;
    private static final Object START = new Object();

    private final transient QueryInstrumentation instrumentation;

    JooqQueryListener(QueryInstrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        ctx.data(START, System.nanoTime());
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
        Object start = ctx.data(START);
        if (!(start instanceof Long)) {
            return;
        }
        long nanos = System.nanoTime() - (Long) start;
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
