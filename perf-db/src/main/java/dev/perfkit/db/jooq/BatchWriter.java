package dev.perfkit.db.jooq;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Writes many rows with few round trips: multi-row {@code INSERT ... VALUES (...), (...)} statements of up
 * to {@code batchSize} rows each (fewer when the row width would exceed PostgreSQL's 65,535 bind values),
 * and upserts with {@code ON CONFLICT (keys) DO UPDATE SET col = EXCLUDED.col}. Rows are given as value
 * arrays in the order of the columns. On PostgreSQL, {@link #copy} streams rows with COPY instead.
 *
 * <pre>{@code
 * BatchWriter writer = BatchWriter.ofSize(1000);
 * int inserted = writer.insert(dsl, DSL.table("item"),
 *     List.of(DSL.field("id", Long.class), DSL.field("note", String.class)), rows);
 * }</pre>
 */
public final class BatchWriter {
    private static final int MAX_BIND_VALUES = 65_535;
    private final int batchSize;

    private BatchWriter(int batchSize) {
        this.batchSize = batchSize;
    }

    /**
     * A writer that puts up to {@code batchSize} rows in one statement.
     *
     * @throws IllegalArgumentException if {@code batchSize} is outside 1..10000
     */
    public static BatchWriter ofSize(int batchSize) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be between 1 and 10000, but was " + batchSize);
        }
        return new BatchWriter(batchSize);
    }

    /**
     * Inserts {@code rows} into {@code table}.
     *
     * @return the number of rows inserted
     * @throws IllegalArgumentException if no column is given or a row's length differs from the columns'
     * @throws NullPointerException if an argument is null
     */
    public int insert(DSLContext dsl, Table<?> table, List<? extends Field<?>> columns, List<Object[]> rows) {
        return write(dsl, table, columns, rows, List.of());
    }

    /**
     * Inserts {@code rows}, updating the non-key columns of rows whose {@code conflictKeys} already exist.
     *
     * @return the number of rows inserted or updated
     * @throws IllegalArgumentException if no key is given, a key is not among the columns, or a row's length
     *     differs from the columns'
     * @throws NullPointerException if an argument is null
     */
    public int upsert(
            DSLContext dsl,
            Table<?> table,
            List<? extends Field<?>> columns,
            List<Object[]> rows,
            List<? extends Field<?>> conflictKeys) {
        Objects.requireNonNull(conflictKeys, "conflictKeys");
        if (conflictKeys.isEmpty()) {
            throw new IllegalArgumentException("conflictKeys must name at least one column");
        }
        for (Field<?> key : conflictKeys) {
            if (!columns.contains(key)) {
                throw new IllegalArgumentException("conflict key " + key + " is not among the columns " + columns);
            }
        }
        return write(dsl, table, columns, rows, conflictKeys);
    }

    /**
     * Inserts {@code rows} with PostgreSQL's {@code COPY ... FROM STDIN (FORMAT csv)}, the fastest bulk path;
     * values are sent as text (byte arrays as bytea hex) and parsed by the server per column type. Needs the
     * PostgreSQL JDBC driver (an optional dependency of perf-db) and a connection that unwraps to it.
     *
     * @return the number of rows copied
     * @throws IllegalArgumentException if no column is given or a row's length differs from the columns'
     * @throws NullPointerException if an argument is null
     * @throws org.jooq.exception.DataAccessException if the COPY fails or the connection is not PostgreSQL's
     */
    public long copy(DSLContext dsl, Table<?> table, List<? extends Field<?>> columns, List<Object[]> rows) {
        check(dsl, table, columns, rows);
        StringBuilder sql = new StringBuilder("COPY ").append(dsl.render(table)).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i > 0 ? ", " : "")
                    .append(dsl.render(DSL.name(columns.get(i).getName())));
        }
        sql.append(") FROM STDIN (FORMAT csv)");
        return dsl.connectionResult(connection -> {
            try {
                return PostgresCopy.copy(connection, sql.toString(), rows);
            } catch (SQLException e) {
                throw new DataAccessException("COPY into " + table.getName() + " failed: " + e.getMessage(), e);
            }
        });
    }

    private int write(
            DSLContext dsl,
            Table<?> table,
            List<? extends Field<?>> columns,
            List<Object[]> rows,
            List<? extends Field<?>> keys) {
        check(dsl, table, columns, rows);
        int perStatement = Math.max(1, Math.min(batchSize, MAX_BIND_VALUES / columns.size()));
        int written = 0;
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            written += statement(dsl, table, columns, chunk, keys);
        }
        return written;
    }

    private static void check(DSLContext dsl, Table<?> table, List<? extends Field<?>> columns, List<Object[]> rows) {
        Objects.requireNonNull(dsl, "dsl");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(rows, "rows");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("columns must name at least one column");
        }
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = Objects.requireNonNull(rows.get(i), "rows[" + i + "]");
            if (row.length != columns.size()) {
                throw new IllegalArgumentException(
                        "rows[" + i + "] has " + row.length + " values, but there are " + columns.size() + " columns");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static int statement(
            DSLContext dsl,
            Table<?> table,
            List<? extends Field<?>> columns,
            List<Object[]> chunk,
            List<? extends Field<?>> keys) {
        InsertValuesStepN<?> insert = dsl.insertInto((Table<Record>) table, columns);
        for (Object[] row : chunk) {
            insert = insert.values(Arrays.asList(row));
        }
        if (keys.isEmpty()) {
            return insert.execute();
        }
        Map<Field<?>, Field<?>> updates = new HashMap<>();
        for (Field<?> column : columns) {
            if (!keys.contains(column)) {
                updates.put(column, DSL.excluded(column));
            }
        }
        if (updates.isEmpty()) {
            return insert.onConflict(new ArrayList<>(keys)).doNothing().execute();
        }
        return insert.onConflict(new ArrayList<>(keys)).doUpdate().set(updates).execute();
    }
}
