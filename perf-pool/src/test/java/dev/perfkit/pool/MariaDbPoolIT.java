package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.testsupport.Services;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The MariaDB side on a real MariaDB server: presets with MariaDB Connector/J properties, wait_timeout read live,
 * the maxLifetime check against it, and max_connections. Server from {@code PERFKIT_MARIADB_URL} (default
 * {@code jdbc:mariadb://127.0.0.1:3306/test}), {@code PERFKIT_MARIADB_USER} (root) and
 * {@code PERFKIT_MARIADB_PASSWORD} (empty).
 */
class MariaDbPoolIT {
    private static final String URL = env("PERFKIT_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test");
    private static final String USER = env("PERFKIT_MARIADB_USER", "root");
    private static final String PASSWORD = env("PERFKIT_MARIADB_PASSWORD", "");
    private static final String TABLE =
            "perfkit_pool_it_" + ProcessHandle.current().pid();

    private static boolean created;

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    @BeforeAll
    static void schema() {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + TABLE + " (id int PRIMARY KEY, name varchar(20))");
            s.execute("INSERT INTO " + TABLE + " SELECT seq, concat('n', seq) FROM seq_1_to_100");
            created = true;
        } catch (SQLException e) {
            throw Services.missing(
                    "MariaDB at " + URL + " as " + USER
                            + " (start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd)",
                    e);
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        if (!created) {
            return;
        }
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
        }
    }

    private static HikariConfig preset(PoolPreset preset) {
        HikariConfig config = preset.config(DatabaseKind.MARIADB, URL);
        config.setUsername(USER);
        config.setPassword(PASSWORD);
        return config;
    }

    @ParameterizedTest
    @EnumSource(PoolPreset.class)
    void everyPresetStartsAndServesQueries(PoolPreset preset) throws SQLException {
        try (HikariDataSource pool = new HikariDataSource(preset(preset));
                Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT name FROM " + TABLE + " WHERE id = ?")) {
            assertThat(c.getMetaData().getDatabaseProductName()).containsIgnoringCase("mariadb");
            for (int i = 1; i <= 10; i++) {
                ps.setInt(1, i);
                try (ResultSet r = ps.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).isEqualTo("n" + i);
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    @Test
    void webPresetPreparesOnTheServerAndThePgBouncerPresetDoesNot() throws SQLException {
        assertThat(serverPrepares(PoolPreset.WEB_OLTP)).isPositive();
        assertThat(serverPrepares(PoolPreset.PGBOUNCER_TRANSACTION)).isZero();
    }

    private static long serverPrepares(PoolPreset preset) throws SQLException {
        HikariConfig config = preset(preset);
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config);
                Connection c = pool.getConnection()) {
            long before = sessionStatus(c, "Com_stmt_prepare");
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM " + TABLE + " WHERE id = ?")) {
                ps.setInt(1, 7);
                try (ResultSet r = ps.executeQuery()) {
                    assertThat(r.next()).isTrue();
                }
            }
            return sessionStatus(c, "Com_stmt_prepare") - before;
        }
    }

    private static long sessionStatus(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SHOW SESSION STATUS LIKE '" + name + "'")) {
            assertThat(r.next()).as(name).isTrue();
            return r.getLong(2);
        }
    }

    @Test
    void serverTimeoutsReadTheSessionsWaitTimeoutLive() throws SQLException {
        HikariConfig config = preset(PoolPreset.WEB_OLTP);
        // Per session, as a role's or the application's init SQL would: nothing global to restore afterwards.
        config.setConnectionInitSql("SET SESSION wait_timeout = 600");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            ServerTimeouts timeouts = ServerTimeouts.read(pool);
            assertThat(timeouts.idleSession()).isEqualTo(Duration.ofSeconds(600));
            assertThat(timeouts.idleInTransaction()).isZero();
        }
        try (HikariDataSource pool = new HikariDataSource(preset(PoolPreset.WEB_OLTP))) {
            assertThat(ServerTimeouts.read(pool).idleSession()).isEqualTo(Duration.ofSeconds(globalWaitTimeout()));
        }
    }

    @Test
    void configChecksFlagAMaxLifetimeNotBelowWaitTimeout() throws SQLException {
        HikariConfig config = preset(PoolPreset.WEB_OLTP);
        config.setConnectionInitSql("SET SESSION wait_timeout = 600");
        config.setMaxLifetime(Duration.ofMinutes(25).toMillis());
        config.setKeepaliveTime(0);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Finding f =
                    finding(ConfigChecks.checkLive(config, pool, CheckContext.EMPTY), "maxLifetime-vs-idle-session");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.problem()).contains("600000 ms");
        }
        HikariConfig fine = preset(PoolPreset.WEB_OLTP);
        fine.setConnectionInitSql("SET SESSION wait_timeout = 600");
        fine.setMaxLifetime(Duration.ofMinutes(9).toMillis());
        try (HikariDataSource pool = new HikariDataSource(fine)) {
            assertThat(ConfigChecks.checkLive(fine, pool, CheckContext.EMPTY))
                    .noneMatch(x -> x.code().equals("maxLifetime-vs-idle-session"));
        }
    }

    @Test
    void databaseLimitsReadMaxConnectionsAndTheChecksCompareTheClusterWithIt() throws SQLException {
        try (HikariDataSource pool = new HikariDataSource(preset(PoolPreset.WEB_OLTP))) {
            DatabaseLimits limits = DatabaseLimits.read(pool);
            assertThat(limits.maxConnections()).isEqualTo(globalInt("@@max_connections"));
            assertThat(limits.readerName()).isEqualTo(USER);
            int instances = limits.maxConnections() / 10 + 1; // 10 connections each: more than the server accepts
            List<Finding> findings = ConfigChecks.checkLive(
                    preset(PoolPreset.WEB_OLTP),
                    pool,
                    CheckContext.builder().applicationInstances(instances).build());
            Finding f = finding(findings, "pool-above-max-connections");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.problem()).contains("max_connections " + limits.maxConnections());
        }
    }

    @Test
    void batchPresetReportsNoUpdateCountsForUpdateBatchesAsDocumented() throws SQLException {
        assertThat(updateBatchCounts(PoolPreset.BATCH_REPORTING)).containsOnly(Statement.SUCCESS_NO_INFO);
        assertThat(updateBatchCounts(PoolPreset.WEB_OLTP)).containsOnly(1);
    }

    private static int[] updateBatchCounts(PoolPreset preset) throws SQLException {
        HikariConfig config = preset(preset);
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config);
                Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET name = ? WHERE id = ?")) {
            for (int id = 1; id <= 5; id++) {
                ps.setString(1, "n" + id);
                ps.setInt(2, id);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return counts;
        }
    }

    private static Finding finding(List<Finding> findings, String code) {
        return findings.stream()
                .filter(f -> f.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + findings));
    }

    private static long globalWaitTimeout() throws SQLException {
        return globalInt("@@GLOBAL.wait_timeout");
    }

    private static int globalInt(String variable) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT " + variable)) {
            assertThat(r.next()).isTrue();
            return r.getInt(1);
        }
    }
}
