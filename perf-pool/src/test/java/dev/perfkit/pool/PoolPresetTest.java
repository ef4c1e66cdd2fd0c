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
                HikariConfig config = preset.config(kind, "jdbc:x://h/db");
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
                .containsEntry("useServerPrepStmts", "false");
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
}
