package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PoolPresetIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @BeforeAll
    static void schema() {
        PG.database()
                .execute(
                        "CREATE TABLE item (id int PRIMARY KEY, name text)",
                        "INSERT INTO item SELECT g, 'n' || g FROM generate_series(1, 100) g");
    }

    @ParameterizedTest
    @EnumSource(PoolPreset.class)
    void everyPresetStartsAndServesQueries(PoolPreset preset) throws SQLException {
        try (HikariDataSource pool = new HikariDataSource(Pools.preset(preset, PG.database()));
                Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT name FROM item WHERE id = ?")) {
            for (int i = 1; i <= 10; i++) {
                ps.setInt(1, i);
                try (ResultSet r = ps.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).isEqualTo("n" + i);
                }
            }
            assertThat(setting(c, "application_name")).isEqualTo(preset.poolName());
        }
    }

    @Test
    void pgBouncerPresetNeverPreparesOnTheServer() throws SQLException {
        try (HikariDataSource pool =
                        new HikariDataSource(Pools.preset(PoolPreset.PGBOUNCER_TRANSACTION, PG.database()));
                Connection c = pool.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM item WHERE id = ?")) {
                for (int i = 1; i <= 20; i++) {
                    ps.setInt(1, i);
                    ps.executeQuery().close();
                }
            }
            assertThat(count(c, "SELECT count(*) FROM pg_prepared_statements")).isZero();
        }
    }

    @Test
    void webPresetPreparesRepeatedStatementsOnTheServer() throws SQLException {
        try (HikariDataSource pool = new HikariDataSource(Pools.preset(PoolPreset.WEB_OLTP, PG.database()));
                Connection c = pool.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM item WHERE id = ?")) {
                for (int i = 1; i <= 20; i++) {
                    ps.setInt(1, i);
                    ps.executeQuery().close();
                }
            }
            assertThat(count(c, "SELECT count(*) FROM pg_prepared_statements")).isPositive();
        }
    }

    @Test
    void readReplicaPresetRefusesWrites() throws SQLException {
        try (HikariDataSource pool = new HikariDataSource(Pools.preset(PoolPreset.READ_REPLICA, PG.database()));
                Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            assertThat(setting(c, "transaction_read_only")).isEqualTo("on");
            assertThatThrownBy(() -> s.execute("INSERT INTO item VALUES (1000, 'x')"))
                    .hasMessageContaining("read-only");
        }
    }

    @Test
    void latencyPresetSetsAStatementTimeoutAndBatchPresetRunsInTransactions() throws SQLException {
        try (HikariDataSource pool = new HikariDataSource(Pools.preset(PoolPreset.LATENCY_CRITICAL, PG.database()));
                Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            assertThat(setting(c, "statement_timeout")).isEqualTo("1s");
            assertThatThrownBy(() -> s.execute("SELECT pg_sleep(3)")).hasMessageContaining("statement timeout");
        }
        try (HikariDataSource pool = new HikariDataSource(Pools.preset(PoolPreset.BATCH_REPORTING, PG.database()));
                Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO item VALUES (?, ?)")) {
            assertThat(c.getAutoCommit()).isFalse();
            for (int i = 0; i < 500; i++) {
                ps.setInt(1, 10_000 + i);
                ps.setString(2, "b");
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
            assertThat(count(c, "SELECT count(*) FROM item WHERE name = 'b'")).isEqualTo(500);
        }
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SHOW " + name)) {
            r.next();
            return r.getString(1);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
