package dev.perfkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.perfkit.pool.AcquisitionStats;
import dev.perfkit.pool.AdaptivePolicy;
import dev.perfkit.pool.AdaptivePoolSizer;
import dev.perfkit.pool.PoolSizing;
import dev.perfkit.pool.SizingInputs;
import dev.perfkit.testsupport.PostgresExtension;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** perf-pool's sizing meters on a real HikariCP pool on PostgreSQL, beside HikariCP's own meters. */
class PoolMetricsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong clock = new AtomicLong();

    private HikariDataSource pool(AcquisitionStats stats) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PG.database().jdbcUrl());
        config.setUsername(PG.database().user());
        config.setPassword(PG.database().password());
        config.setPoolName("orders-db");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(2);
        config.setMetricsTrackerFactory(stats);
        return new HikariDataSource(config);
    }

    @Test
    void sizeAndResizesArePublishedWithTheSamePoolTagAsHikariCpsMeters() {
        AcquisitionStats stats = AcquisitionStats.wrapping(new MicrometerMetricsTrackerFactory(registry));
        try (HikariDataSource ds = pool(stats);
                AdaptivePoolSizer sizer =
                        AdaptivePoolSizer.manual(ds, stats, AdaptivePolicy.between(2, 16), clock::get)) {
            PoolMetrics.of(ds, sizer)
                    .withRecommendation(PoolSizing.recommend(
                            SizingInputs.builder().databaseCores(2).build()))
                    .bindTo(registry);
            assertThat(registry.get("perfkit.pool.size.target")
                            .tag("pool", "orders-db")
                            .gauge()
                            .value())
                    .isEqualTo(8);

            ds.getHikariConfigMXBean().setMaximumPoolSize(12); // an operator, through JMX
            clock.set(1_000_000_000L);
            sizer.tick();
            assertThat(registry.get("perfkit.pool.resizes")
                            .tags("pool", "orders-db", "direction", "up")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("perfkit.pool.sizer.paused").gauge().value())
                    .isEqualTo(1);
            assertThat(registry.get("perfkit.pool.size.target").gauge().value()).isEqualTo(12);

            ds.getHikariConfigMXBean().setMaximumPoolSize(4);
            sizer.resume();
            assertThat(registry.get("perfkit.pool.resizes")
                            .tags("direction", "down")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("perfkit.pool.sizer.paused").gauge().value())
                    .isZero();
            assertThat(registry.get("perfkit.pool.size.recommended").gauge().value())
                    .isPositive();

            assertThat(registry.find("hikaricp.connections.max").gauges())
                    .map(Meter::getId)
                    .allMatch(id -> "orders-db".equals(id.getTag("pool")))
                    .isNotEmpty();
        }
    }
}
