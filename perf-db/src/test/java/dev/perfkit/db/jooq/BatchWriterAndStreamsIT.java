package dev.perfkit.db.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BatchWriterAndStreamsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static final Field<Long> ID = DSL.field("id", Long.class);
    static final Field<String> NOTE = DSL.field("note", String.class);

    @BeforeAll
    static void createTables() {
        PG.database()
                .execute(
                        "create table w (id bigint primary key, note text)",
                        "create table big as select g::bigint as id from generate_series(1, 20000) g");
    }

    private static List<Object[]> rows(int from, int to, String note) {
        List<Object[]> rows = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            rows.add(new Object[] {i, note + i});
        }
        return rows;
    }

    @Test
    void insertUsesMultiRowStatementsOfTheBatchSize() {
        AtomicInteger statements = new AtomicInteger();
        DSLContext dsl = DSL.using(new DefaultConfiguration()
                .set(PG.database().dataSource())
                .set(SQLDialect.POSTGRES)
                .set(new ExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext ctx) {
                        statements.incrementAndGet();
                    }
                }));
        dsl.truncate("w").execute();
        statements.set(0);
        int inserted = BatchWriter.ofSize(100).insert(dsl, DSL.table("w"), List.of(ID, NOTE), rows(1, 1050, "a"));
        assertThat(inserted).isEqualTo(1050);
        assertThat(statements.get()).isEqualTo(11);
        assertThat(dsl.fetchCount(DSL.table("w"))).isEqualTo(1050);

        int upserted = BatchWriter.ofSize(500)
                .upsert(dsl, DSL.table("w"), List.of(ID, NOTE), rows(1001, 1100, "b"), List.of(ID));
        assertThat(upserted).isEqualTo(100);
        assertThat(dsl.fetchCount(DSL.table("w"))).isEqualTo(1100);
        assertThat(dsl.select(NOTE).from("w").where(ID.eq(1001L)).fetchOne(NOTE))
                .isEqualTo("b1001");
        assertThat(dsl.select(NOTE).from("w").where(ID.eq(1000L)).fetchOne(NOTE))
                .isEqualTo("a1000");
    }

    @Test
    void copyStreamsRowsWithQuotesNullsAndUnicode() {
        DSLContext dsl = DSL.using(PG.database().dataSource(), SQLDialect.POSTGRES);
        PG.database().execute("create table c (id bigint primary key, note text)");
        List<Object[]> rows = rows(1, 20000, "x");
        rows.set(0, new Object[] {1L, "quote \" comma , newline \n and caf\u00e9"});
        rows.set(1, new Object[] {2L, null});
        rows.set(2, new Object[] {3L, ""});
        assertThat(BatchWriter.ofSize(10).copy(dsl, DSL.table("c"), List.of(ID, NOTE), rows))
                .isEqualTo(20000);
        assertThat(dsl.fetchCount(DSL.table("c"))).isEqualTo(20000);
        assertThat(dsl.select(NOTE).from("c").where(ID.eq(1L)).fetchOne(NOTE))
                .isEqualTo("quote \" comma , newline \n and caf\u00e9");
        assertThat(dsl.select(NOTE).from("c").where(ID.eq(2L)).fetchOne(NOTE)).isNull();
        assertThat(dsl.select(NOTE).from("c").where(ID.eq(3L)).fetchOne(NOTE)).isEmpty();
        assertThat(dsl.select(NOTE).from("c").where(ID.eq(20000L)).fetchOne(NOTE))
                .isEqualTo("x20000");
        assertThatThrownBy(() -> BatchWriter.ofSize(10)
                        .copy(dsl, DSL.table("c"), List.of(ID, NOTE), List.<Object[]>of(new Object[] {
                            1L, "duplicate key"
                        })))
                .isInstanceOf(org.jooq.exception.DataAccessException.class)
                .hasMessageContaining("duplicate key");
    }

    @Test
    void badBatchInputIsRejected() {
        DSLContext dsl = DSL.using(PG.database().dataSource(), SQLDialect.POSTGRES);
        BatchWriter writer = BatchWriter.ofSize(10);
        assertThatThrownBy(() -> BatchWriter.ofSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSize")
                .hasMessageContaining("0");
        assertThatThrownBy(() ->
                        writer.insert(dsl, DSL.table("w"), List.of(ID, NOTE), List.<Object[]>of(new Object[] {1L})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rows[0] has 1 values");
        assertThatThrownBy(() -> writer.insert(dsl, DSL.table("w"), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("columns");
        assertThatThrownBy(() -> writer.upsert(dsl, DSL.table("w"), List.of(ID), List.of(), List.of(NOTE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conflict key");
    }

    @Test
    void streamingUsesTheFetchSizeInATransactionAndClosesEverything() throws SQLException {
        List<Integer> fetchSizes = new ArrayList<>();
        List<Boolean> autoCommit = new ArrayList<>();
        DSLContext dsl = DSL.using(new DefaultConfiguration()
                .set(PG.database().dataSource())
                .set(SQLDialect.POSTGRES)
                .set(new ExecuteListener() {
                    @Override
                    public void executeEnd(ExecuteContext ctx) {
                        try {
                            fetchSizes.add(ctx.statement().getFetchSize());
                            autoCommit.add(ctx.connection().getAutoCommit());
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }));
        long[] sum = new long[1];
        long count = ResultStreams.forEach(dsl, dsl.select(ID).from("big"), 500, r -> sum[0] += r.get(ID));
        assertThat(count).isEqualTo(20000);
        assertThat(sum[0]).isEqualTo(20000L * 20001 / 2);
        assertThat(fetchSizes).containsExactly(500);
        assertThat(autoCommit).containsExactly(false);

        assertThatThrownBy(() -> ResultStreams.forEach(dsl, dsl.select(ID).from("big"), 100, r -> {
                    if (r.get(ID) == 150L) {
                        throw new IllegalStateException("consumer stops");
                    }
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("consumer stops");
        try (Connection c = PG.database().connect();
                var st = c.createStatement();
                var rs = st.executeQuery("select count(*) from pg_stat_activity where datname = current_database() "
                        + "and state like 'idle in transaction%'")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
        assertThatThrownBy(() -> ResultStreams.forEach(dsl, dsl.select(ID).from("big"), 0, r -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fetchSize");
    }
}
