package dev.perfkit.benchmarks.db;

import dev.perfkit.db.QueryInstrumentation;
import dev.perfkit.testsupport.Postgres;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of perf-db's jOOQ listener (fingerprint, statistics, scope check) on a primary-key lookup,
 * against the same lookup through plain jOOQ on the same connection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ListenerOverheadBenchmark {
    private static final Field<Long> ID = DSL.field("id", Long.class);
    private static final Field<String> NOTE = DSL.field("note", String.class);

    private TestDatabase database;
    private Connection connection;
    private QueryInstrumentation instrumentation;
    private DSLContext plain;
    private DSLContext instrumented;

    @Setup
    public void setUp() throws SQLException {
        database = Postgres.shared().createDatabase("bench_listener");
        database.execute(
                "create table item (id bigint primary key, note text not null)",
                "insert into item select g, md5(g::text) from generate_series(1, 100000) g",
                "analyze item");
        connection = database.connect();
        instrumentation = QueryInstrumentation.builder().build();
        plain = DSL.using(new DefaultConfiguration().set(connection).set(SQLDialect.POSTGRES));
        instrumented = DSL.using(new DefaultConfiguration()
                .set(connection)
                .set(SQLDialect.POSTGRES)
                .set(instrumentation.executeListener()));
    }

    @TearDown
    public void tearDown() throws SQLException {
        instrumentation.close();
        connection.close();
        database.close();
    }

    private static Record lookup(DSLContext dsl) {
        long id = 1 + ThreadLocalRandom.current().nextLong(100_000);
        return dsl.select(ID, NOTE).from(DSL.table("item")).where(ID.eq(id)).fetchOne();
    }

    @Benchmark
    public Record perfkitPrimaryKeyLookup() {
        return lookup(instrumented);
    }

    @Benchmark
    public Record baselinePrimaryKeyLookup() {
        return lookup(plain);
    }
}
