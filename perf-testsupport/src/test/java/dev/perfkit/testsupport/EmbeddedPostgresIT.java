package dev.perfkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresIT {

    @Test
    void privateServerStopsAndStartsAgainWithItsData() throws SQLException {
        try (EmbeddedPostgres pg = Postgres.startPrivate()) {
            String url = pg.jdbcUrl("postgres");
            try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password());
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v int)");
                s.execute("INSERT INTO kept VALUES (42)");
            }
            pg.stop();
            assertThatThrownBy(() -> DriverManager.getConnection(url, pg.user(), pg.password())
                            .close())
                    .isInstanceOf(SQLException.class);
            pg.start();
            try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void pgStatStatementsIsPreloaded() throws SQLException {
        try (EmbeddedPostgres pg = Postgres.startPrivate();
                TestDatabase db = pg.createDatabase("pgss")) {
            assertThat(db.tryCreateExtension("pg_stat_statements")).isTrue();
            try (Connection c = db.connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) >= 0 FROM pg_stat_statements")) {
                rs.next();
                assertThat(rs.getBoolean(1)).isTrue();
            }
        }
    }
}
