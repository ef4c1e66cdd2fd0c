package dev.perfkit.benchmarks.db;

import dev.perfkit.db.jooq.KeysetPager;
import dev.perfkit.db.jooq.Page;
import dev.perfkit.testsupport.Postgres;
import dev.perfkit.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
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
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Page 10,000 (100 rows per page) of a 1,000,000-row table: perf-db's keyset pager with a cursor token
 * against {@code ORDER BY id LIMIT 100 OFFSET 999900}. The table is generated with generate_series.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PagingBenchmark {
    private static final int ROWS = 1_000_000;
    private static final int PAGE_SIZE = 100;
    private static final int PAGE = 10_000;
    private static final Field<Long> ID = DSL.field("id", Long.class);
    private static final Table<Record> TABLE = DSL.table("paged");

    private TestDatabase database;
    private Connection connection;
    private DSLContext dsl;
    private KeysetPager<Record> pager;
    private String tokenOfPage;

    @Setup
    public void setUp() throws SQLException {
        database = Postgres.shared().createDatabase("bench_paging");
        database.execute("create table if not exists paged (id bigint primary key, payload text not null)");
        connection = database.connect();
        dsl = DSL.using(connection, SQLDialect.POSTGRES);
        if (dsl.fetchCount(TABLE) != ROWS) {
            database.execute(
                    "truncate paged",
                    "insert into paged select g, md5(g::text) from generate_series(1, " + ROWS + ") g",
                    "vacuum analyze paged");
        }
        byte[] key = "bench-secret-0123456789".getBytes(StandardCharsets.UTF_8);
        pager = KeysetPager.builder(TABLE)
                .orderBy(ID)
                .pageSize(PAGE_SIZE)
                .secret(key)
                .build(dsl);
        long lastIdBefore = (long) (PAGE - 1) * PAGE_SIZE;
        tokenOfPage = KeysetPager.builder(TABLE)
                .orderBy(ID)
                .pageSize(PAGE_SIZE)
                .secret(key)
                .where(ID.gt(lastIdBefore - PAGE_SIZE))
                .build(dsl)
                .first(dsl)
                .nextToken()
                .orElseThrow();
        List<Record> check = perfkitPage10000().rows();
        if (check.size() != PAGE_SIZE || check.get(0).get(ID) != lastIdBefore + 1) {
            throw new IllegalStateException("keyset page does not start at " + (lastIdBefore + 1));
        }
    }

    @TearDown
    public void tearDown() throws SQLException {
        connection.close();
        database.close();
    }

    @Benchmark
    public Page<Record> perfkitPage10000() {
        return pager.next(dsl, tokenOfPage);
    }

    @Benchmark
    public List<Record> baselinePage10000() {
        return dsl.selectFrom(TABLE)
                .orderBy(ID)
                .limit(PAGE_SIZE)
                .offset((PAGE - 1) * PAGE_SIZE)
                .fetch();
    }
}
