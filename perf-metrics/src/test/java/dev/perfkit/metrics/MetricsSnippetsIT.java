package dev.perfkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import dev.perfkit.testsupport.PostgresExtension;
import dev.perfkit.testsupport.Redis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MetricsSnippetsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MetricsSnippets snippets = new MetricsSnippets();

    @Test
    void everyRegionRunsAndRegistersItsMeters() {
        snippets.cache(registry);
        assertThat(registry.find("perfkit.cache.gets").tag("cache", "users").functionCounters())
                .hasSize(3);
        snippets.redis(new SimpleMeterRegistry(), Redis.shared().uri());
        snippets.db(registry, PG.database().dataSource());
        assertThat(registry.find("perfkit.db.statements").functionTimers()).isNotEmpty();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PG.database().jdbcUrl());
        config.setUsername(PG.database().user());
        config.setPassword(PG.database().password());
        config.setPoolName("snippet-pool");
        snippets.pool(registry, config);
        assertThat(registry.find("perfkit.pool.size.target")
                        .tag("pool", "snippet-pool")
                        .gauge())
                .isNotNull();
    }
}
