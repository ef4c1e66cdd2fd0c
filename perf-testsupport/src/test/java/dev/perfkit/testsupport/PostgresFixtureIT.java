package dev.perfkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresFixtureIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @Test
    void sharedServerIsTheConfiguredOneOrEmbedded() {
        assertThat(Postgres.shared().embedded()).isEqualTo(!Postgres.externalConfigured());
        System.out.println("PostgresFixtureIT ran against " + (Postgres.shared().embedded() ? "embedded" : "external")
                + " PostgreSQL on port " + Postgres.shared().port());
    }

    @Test
    void eachTestClassGetsAFreshDatabase(TestDatabase db) throws SQLException {
        assertThat(db.name()).startsWith("pk_postgresfixtureit_");
        db.execute("CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t VALUES (1), (2)");
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), current_database() FROM t")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(rs.getString(2)).isEqualTo(db.name());
        }
    }

    @Test
    void dataSourceReachesTheSameDatabase() throws SQLException {
        try (Connection c = PG.database().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(PG.database().name());
        }
    }

    @Test
    void closingDropsTheDatabase() throws SQLException {
        TestDatabase temp = Postgres.shared().createDatabase("dropme");
        temp.close();
        try (Connection c = PG.database().connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + temp.name() + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void aBadPrefixIsRejectedByName() {
        assertThatThrownBy(() -> Postgres.shared().createDatabase("1; DROP"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1; DROP");
    }
}
