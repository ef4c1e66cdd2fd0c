package dev.perfkit.benchmarks.db;

import dev.perfkit.db.jooq.BatchWriter;
import dev.perfkit.testsupport.Postgres;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inserting 10,000 rows, all in autocommit mode on one connection, the table emptied before each call:
 * {@code Insert10000} pairs perf-db's {@link BatchWriter#insert} (multi-row VALUES, 1,000 rows per statement)
 * with one jOOQ INSERT per row (what code does without a helper); {@code Copy10000} pairs PostgreSQL COPY
 * ({@link BatchWriter#copy}) with the same row-by-row baseline; {@code CopyOverValues10000} pairs COPY with
 * perf-db's own multi-row VALUES.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class BatchInsertBenchmark {
    private static final int ROWS = 10_000;
    private static final Field<Long> ID = DSL.field("id", Long.class);
    private static final Field<String> NOTE = DSL.field("note", String.class);
    private static final Field<Integer> QTY = DSL.field("qty", Integer.class);
    private static final Table<Record> TABLE = DSL.table("target");
    private static final List<Field<?>> COLUMNS = List.of(ID, NOTE, QTY);

    private TestDatabase database;
    private Connection connection;
    private DSLContext dsl;
    private final List<Object[]> rows = new ArrayList<>();
    private final BatchWriter writer = BatchWriter.ofSize(1_000);

    @Setup
    public void setUp() throws SQLException {
        database = Postgres.shared().createDatabase("bench_batch");
        database.execute("create table target (id bigint primary key, note text not null, qty int not null)");
        connection = database.connect();
        dsl = DSL.using(connection, SQLDialect.POSTGRES);
        for (long i = 1; i <= ROWS; i++) {
            rows.add(new Object[] {i, "note, \"quoted\" " + i, (int) (i % 100)});
        }
    }

    @Setup(Level.Invocation)
    public void emptyTable() {
        dsl.truncate(TABLE).execute();
    }

    @TearDown
    public void tearDown() throws SQLException {
        connection.close();
        database.close();
    }

    @Benchmark
    public int perfkitInsert10000() {
        return writer.insert(dsl, TABLE, COLUMNS, rows);
    }

    @Benchmark
    public int baselineInsert10000() {
        return rowByRow();
    }

    @Benchmark
    public long perfkitCopy10000() {
        return writer.copy(dsl, TABLE, COLUMNS, rows);
    }

    @Benchmark
    public int baselineCopy10000() {
        return rowByRow();
    }

    @Benchmark
    public long perfkitCopyOverValues10000() {
        return writer.copy(dsl, TABLE, COLUMNS, rows);
    }

    @Benchmark
    public int baselineCopyOverValues10000() {
        return writer.insert(dsl, TABLE, COLUMNS, rows);
    }

    private int rowByRow() {
        int inserted = 0;
        for (Object[] row : rows) {
            inserted += dsl.insertInto(TABLE, ID, NOTE, QTY)
                    .values((Long) row[0], (String) row[1], (Integer) row[2])
                    .execute();
        }
        return inserted;
    }
}
