package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Test;

class PoolPresetTest {

    @Test
    void everyPresetHasValidSettingsForEveryDriver() {
        for (PoolPreset preset : PoolPreset.values()) {
            for (DatabaseKind kind : DatabaseKind.values()) {
                HikariConfig config = preset.config(kind, url(kind));
                assertThat(PoolSettings.of(config)).isEqualTo(preset.settings());
                assertThat(config.getDataSourceProperties()).containsAllEntriesOf(preset.driverProperties(kind));
                assertThat(config.getMaxLifetime()).isLessThanOrEqualTo(25 * 60_000);
            }
        }
    }

    @Test
    void pgBouncerTransactionModeTurnsServerSidePreparedStatementsOff() {
        assertThat(PoolPreset.PGBOUNCER_TRANSACTION.driverProperties(DatabaseKind.POSTGRESQL))
                .containsEntry("prepareThreshold", "0")
                .doesNotContainKey("options");
        assertThat(PoolPreset.PGBOUNCER_TRANSACTION
                        .config(DatabaseKind.POSTGRESQL, "jdbc:postgresql://h/db")
                        .getConnectionInitSql())
                .isNull();
        assertThat(PoolPreset.PGBOUNCER_TRANSACTION.driverProperties(DatabaseKind.MYSQL))
                .doesNotContainKey("useServerPrepStmts"); // Connector/J's default is false already
    }

    @Test
    void batchRewritesInsertsAndReplicaIsReadOnly() {
        assertThat(PoolPreset.BATCH_REPORTING.driverProperties(DatabaseKind.POSTGRESQL))
                .containsEntry("reWriteBatchedInserts", "true");
        assertThat(PoolPreset.BATCH_REPORTING.driverProperties(DatabaseKind.MYSQL))
                .containsEntry("rewriteBatchedStatements", "true");
        assertThat(PoolPreset.WEB_OLTP.driverProperties(DatabaseKind.MYSQL)).containsEntry("cachePrepStmts", "true");
        assertThat(PoolPreset.READ_REPLICA
                        .config(DatabaseKind.POSTGRESQL, "jdbc:postgresql://h/db")
                        .isReadOnly())
                .isTrue();
    }

    @Test
    void aUrlThatIsNotJdbcIsRefused() {
        assertThatThrownBy(() -> PoolPreset.WEB_OLTP.config(DatabaseKind.POSTGRESQL, "postgres://h/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbcUrl")
                .hasMessageContaining("postgres://h/db");
    }

    private static String url(DatabaseKind kind) {
        return "jdbc:" + kind.name().toLowerCase(java.util.Locale.ROOT) + "://h/db";
    }

    @Test
    void aUrlOfAnotherDatabaseIsRefusedNamingBoth() {
        assertThatThrownBy(() -> PoolPreset.WEB_OLTP.config(DatabaseKind.POSTGRESQL, "jdbc:mysql://h/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jdbcUrl must be a jdbc:postgresql: URL for DatabaseKind.POSTGRESQL, but was"
                        + " jdbc:mysql://h/db");
        assertThatThrownBy(() -> PoolPreset.WEB_OLTP.config(DatabaseKind.MARIADB, "jdbc:postgresql://h/db"))
                .hasMessageContaining("DatabaseKind.MARIADB")
                .hasMessageContaining("jdbc:postgresql://h/db");
        assertThatThrownBy(() -> PoolPreset.WEB_OLTP.config(DatabaseKind.MYSQL, "jdbc:mariadb://h/db"))
                .hasMessageContaining("DatabaseKind.MYSQL");
    }

    @Test
    void wrapperDriversAndMariaDbsMysqlSchemeAreAccepted() {
        assertThat(PoolPreset.WEB_OLTP
                        .config(DatabaseKind.POSTGRESQL, "jdbc:p6spy:postgresql://h/db")
                        .getJdbcUrl())
                .isEqualTo("jdbc:p6spy:postgresql://h/db");
        assertThat(PoolPreset.WEB_OLTP
                        .config(DatabaseKind.MARIADB, "jdbc:mysql://h/db?permitMysqlScheme")
                        .getJdbcUrl())
                .startsWith("jdbc:mysql:");
        assertThatThrownBy(() -> PoolPreset.WEB_OLTP.config(DatabaseKind.MARIADB, "jdbc:mysql://h/db"))
                .hasMessageContaining("jdbc:mariadb:");
    }

    @Test
    void poolNameAndApplicationNameAreSpelledTheSame() {
        for (PoolPreset preset : PoolPreset.values()) {
            HikariConfig config = preset.config(DatabaseKind.POSTGRESQL, "jdbc:postgresql://h/db");
            assertThat(config.getDataSourceProperties().getProperty("ApplicationName"))
                    .isEqualTo(config.getPoolName())
                    .isEqualTo(preset.poolName())
                    .doesNotContain("_");
        }
    }

    @Test
    void noPresetRepeatsAPgjdbcDefault() {
        for (PoolPreset preset : PoolPreset.values()) {
            preset.driverProperties(DatabaseKind.POSTGRESQL).forEach((name, value) -> {
                org.postgresql.PGProperty property = org.postgresql.PGProperty.forName(name);
                assertThat(property).as(name).isNotNull();
                assertThat(value)
                        .as(preset + " " + name + " repeats pgjdbc's default")
                        .isNotEqualTo(property.getDefaultValue());
            });
        }
    }

    @Test
    void noPresetRepeatsAMariaDbDefault() throws java.sql.SQLException {
        for (PoolPreset preset : PoolPreset.values()) {
            java.util.Map<String, String> props = preset.driverProperties(DatabaseKind.MARIADB);
            String query = props.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(java.util.stream.Collectors.joining("&"));
            // The driver's Configuration prints only the options that differ from its defaults.
            String parsed = org.mariadb.jdbc.Configuration.parse("jdbc:mariadb://h/db?" + query)
                    .toString();
            props.keySet()
                    .forEach(name -> assertThat(parsed)
                            .as(preset + " " + name + " repeats MariaDB's default")
                            .contains(name + "="));
        }
    }
}
