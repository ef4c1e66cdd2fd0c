package dev.perfkit.db.jooq;

import java.util.Objects;
import java.util.function.Consumer;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * Streams a large result through a callback, {@code fetchSize} rows at a time, so memory stays flat and
 * the cursor cannot leak: the query runs inside a transaction (autocommit off, which PostgreSQL's driver
 * needs to honour a fetch size), the cursor is closed and the transaction ended before this method
 * returns, whether the consumer finishes or throws.
 *
 * <pre>{@code
 * long count = ResultStreams.forEach(dsl, dsl.selectFrom(DSL.table("events")), 1_000,
 *     row -> exporter.write(row));
 * }</pre>
 */
public final class ResultStreams {
    private ResultStreams() {}

    /**
     * Runs {@code query} and hands each row to {@code consumer}.
     *
     * @return the number of rows consumed
     * @throws IllegalArgumentException if {@code fetchSize} is outside 1..100000
     * @throws NullPointerException if an argument is null
     * @throws RuntimeException what the consumer throws, after the cursor is closed and the transaction
     *     rolled back
     */
    public static <R extends Record> long forEach(
            DSLContext dsl, ResultQuery<R> query, int fetchSize, Consumer<? super R> consumer) {
        Objects.requireNonNull(dsl, "dsl");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(consumer, "consumer");
        if (fetchSize < 1 || fetchSize > 100_000) {
            throw new IllegalArgumentException("fetchSize must be between 1 and 100000, but was " + fetchSize);
        }
        return dsl.transactionResult(configuration -> {
            long count = 0;
            try (Cursor<R> cursor = DSL.using(configuration).fetchLazy(query.fetchSize(fetchSize))) {
                for (R record : cursor) {
                    consumer.accept(record);
                    count++;
                }
            }
            return count;
        });
    }
}
