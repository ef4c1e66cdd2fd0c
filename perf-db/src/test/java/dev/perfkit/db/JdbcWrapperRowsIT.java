package dev.perfkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.testsupport.PostgresExtension;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rows and batches recorded by {@link QueryInstrumentation#wrap} for code that uses plain JDBC. */
class JdbcWrapperRowsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private final QueryInstrumentation qi = QueryInstrumentation.builder().build();
    private final DataSource ds = qi.wrap(PG.database().dataSource());

    @BeforeAll
    static void createTables() {
        PG.database()
                .execute(
                        "create table part (id int primary key, bin int not null)",
                        "insert into part select g, g % 10 from generate_series(1, 1000) g",
                        "create table log_line (id int primary key, msg text)");
    }

    private FingerprintStats stats(String fingerprint) {
        return qi.stats().snapshot().top().stream()
                .filter(s -> s.fingerprint().equals(fingerprint))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "not recorded: " + fingerprint + " in " + qi.stats().snapshot()));
    }

    @Test
    void rowsReadThroughPreparedStatementResultSetsAreCounted() throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("select id from part where bin = ?")) {
            for (int bin = 1; bin <= 3; bin++) {
                ps.setInt(1, bin);
                try (ResultSet rs = ps.executeQuery()) {
                    int read = 0;
                    while (rs.next()) {
                        read++;
                    }
                    assertThat(read).isEqualTo(100);
                }
            }
        }
        FingerprintStats s = stats("select id from part where bin = ?");
        assertThat(s.calls()).isEqualTo(3);
        assertThat(s.rows()).isEqualTo(300);
    }

    @Test
    void partlyReadResultSetsAreCountedWhenTheStatementIsClosedOrRunAgain() throws Exception {
        try (Connection c = ds.getConnection()) {
            Statement st = c.createStatement();
            ResultSet first = st.executeQuery("select id from part where id <= 50 order by id");
            for (int i = 0; i < 3; i++) {
                assertThat(first.next()).isTrue();
            }
            assertThat(stats("select id from part where id <= ? order by id").rows())
                    .as("rows are added when the result set is done, not while it is open")
                    .isZero();
            ResultSet second = st.executeQuery("select id from part where id <= 50 order by id");
            assertThat(stats("select id from part where id <= ? order by id").rows())
                    .isEqualTo(3);
            assertThat(second.next()).isTrue();
            assertThat(second.next()).isTrue();
            st.close();
        }
        FingerprintStats s = stats("select id from part where id <= ? order by id");
        assertThat(s.calls()).isEqualTo(2);
        assertThat(s.rows()).isEqualTo(5);
    }

    @Test
    void executeThenGetResultSetCountsRowsOnceAndKeepsTheWrappedStatement() throws Exception {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            assertThat(st.execute("select id from part where bin = 4 and id < 200"))
                    .isTrue();
            ResultSet rs = st.getResultSet();
            assertThat(st.getResultSet()).isSameAs(rs);
            assertThat(rs.getStatement()).isSameAs(st);
            while (rs.next()) {
                assertThat(rs.getInt(1) % 10).isEqualTo(4);
            }
            rs.close();
            assertThat(st.getMoreResults()).isFalse();
            assertThat(st.execute("update part set bin = bin where id <= 7")).isFalse();
        }
        assertThat(stats("select id from part where bin = ? and id < ?").rows()).isEqualTo(20);
        assertThat(stats("update part set bin = bin where id <= ?").rows()).isEqualTo(7);
    }

    @Test
    void jooqOverTheWrappedDataSourceWithoutTheListenerStillGetsRowCounts() {
        DSLContext dsl = DSL.using(ds, SQLDialect.POSTGRES);
        for (int bin = 0; bin < 2; bin++) {
            assertThat(dsl.fetch("select id, bin from part where bin = ?", bin)).hasSize(100);
        }
        FingerprintStats s = stats("select id, bin from part where bin = ?");
        assertThat(s.calls()).isEqualTo(2);
        assertThat(s.rows()).isEqualTo(200);
    }

    @Test
    void statementBatchesRecordOneCallPerDistinctFingerprintWithSummedRows() throws Exception {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            for (int id = 1; id <= 5; id++) {
                st.addBatch("insert into log_line values (" + id + ", 'line " + id + "')");
            }
            st.addBatch("update log_line set msg = 'x' where id <= 2");
            st.addBatch("insert into log_line values (6, 'six')");
            int[] counts = st.executeBatch();
            assertThat(counts).containsExactly(1, 1, 1, 1, 1, 2, 1);

            st.addBatch("delete from log_line where id = 99");
            st.clearBatch();
            assertThat(st.executeBatch()).isEmpty();
        }
        FingerprintStats insert = stats("insert into log_line values (?, ?)");
        assertThat(insert.calls()).isEqualTo(1);
        assertThat(insert.rows()).isEqualTo(6);
        FingerprintStats update = stats("update log_line set msg = ? where id <= ?");
        assertThat(update.calls()).isEqualTo(1);
        assertThat(update.rows()).isEqualTo(2);
        assertThat(qi.stats().snapshot().top())
                .extracting(FingerprintStats::fingerprint)
                .noneMatch(f -> f.startsWith("delete"));
    }

    @Test
    void aFailingBatchThrowsTheDriversExceptionAndLeavesTheStatementUsable() throws Exception {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            st.addBatch("insert into log_line values (100, 'a')");
            st.addBatch("insert into log_line values (100, 'duplicate')");
            assertThatThrownBy(st::executeBatch)
                    .isInstanceOf(BatchUpdateException.class)
                    .hasMessageContaining("duplicate key");
            st.addBatch("insert into log_line values (101, 'b')");
            assertThat(st.executeBatch()).containsExactly(1);
        }
        FingerprintStats insert = stats("insert into log_line values (?, ?)");
        assertThat(insert.calls()).as("a failed batch is not recorded").isEqualTo(1);
        assertThat(insert.rows()).isEqualTo(1);
    }
}
