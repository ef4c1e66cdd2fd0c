package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ThroughputProbeIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @Test
    void waitBoundWorkScalesWithPoolSizeAndTheProbeSeesIt() throws Exception {
        HikariConfig config = Pools.preset(PoolPreset.WEB_OLTP, PG.database());
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            SortedMap<Integer, Double> rates =
                    ThroughputProbe.measure(pool, 8, Duration.ofMillis(600), List.of(4, 1), ds -> {
                        try (Connection c = ds.getConnection();
                                Statement s = c.createStatement()) {
                            s.execute("SELECT pg_sleep(0.01)");
                        }
                    });
            assertThat(rates.keySet()).containsExactly(1, 4);
            // pg_sleep holds a connection without using CPU: four connections do about four times the work.
            assertThat(rates.get(4)).isGreaterThan(rates.get(1) * 2.5);
            assertThat(PoolSizing.fromMeasurements(rates, 0.10).maximumPoolSize())
                    .isEqualTo(4);
            assertThat(pool.getHikariConfigMXBean().getMaximumPoolSize()).isEqualTo(4);
        }
    }

    @Test
    void failingWorkStopsTheProbeWithItsCause() {
        HikariConfig config = Pools.preset(PoolPreset.WEB_OLTP, PG.database());
        try (HikariDataSource pool = new HikariDataSource(config)) {
            assertThatThrownBy(() -> ThroughputProbe.measure(pool, 2, Duration.ofMillis(200), List.of(2), ds -> {
                        try (Connection c = ds.getConnection();
                                Statement s = c.createStatement()) {
                            s.execute("SELECT * FROM no_such_table");
                        }
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("pool size 2")
                    .hasRootCauseMessage("ERROR: relation \"no_such_table\" does not exist\n  Position: 15");
            assertThatThrownBy(() -> ThroughputProbe.measure(pool, 0, Duration.ofSeconds(1), List.of(2), ds -> {}))
                    .hasMessage("clients must be between 1 and 4096, but was 0");
        }
    }
}
