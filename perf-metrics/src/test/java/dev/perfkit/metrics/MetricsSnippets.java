package dev.perfkit.metrics;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.PerfCache;
import dev.perfkit.cache.redis.RedisCache;
import dev.perfkit.cache.redis.RedisCodecs;
import dev.perfkit.db.QueryInstrumentation;
import dev.perfkit.pool.AcquisitionStats;
import dev.perfkit.pool.AdaptivePolicy;
import dev.perfkit.pool.AdaptivePoolSizer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;

/** The usage examples of the binders' Javadoc and README, run by {@link MetricsSnippetsIT}. */
@SuppressWarnings("UnusedVariable")
class MetricsSnippets {
    record User(long id, String name) {}

    void cache(MeterRegistry registry) {
        // @start region="cache"
        CacheAside<Long, User> users = PerfCache.<Long, User>builder()
                .maximumSize(10_000)
                .recordStats() // hits, stale hits and misses
                .build();
        CacheMetrics.of("users", users).bindTo(registry); // perfkit.cache.* {cache=users}
        // @end
        users.close();
    }

    void redis(MeterRegistry registry, String redisUri) {
        // @start region="redis"
        RedisCache<Long, User> users = RedisCache.<Long, User>builder()
                .redis(redisUri)
                .name("users")
                .keys(String::valueOf, Long::valueOf)
                .values(RedisCodecs.json(User.class))
                .build();
        CacheMetrics.of("users", users.cache()).bindTo(registry); // the local tier
        RedisCacheMetrics.of("users", users).bindTo(registry); // perfkit.cache.redis.* {cache=users}
        // @end
        users.close();
    }

    void db(MeterRegistry registry, DataSource dataSource) {
        // @start region="db"
        QueryMetrics metrics = QueryMetrics.create(50); // at most 50 fingerprint ids, the rest as "other"
        QueryInstrumentation queries = QueryInstrumentation.builder()
                .slowThreshold(Duration.ofMillis(200))
                .eventListener(metrics.eventListener()) // slow statements, N+1, plan findings
                .build();
        metrics.track(queries).bindTo(registry); // perfkit.db.statements{fingerprint=3f2a1b9c0d4e}
        DataSource instrumented = queries.wrap(dataSource);
        // @end
        queries.close();
    }

    void pool(MeterRegistry registry, HikariConfig config) {
        // @start region="pool"
        AcquisitionStats stats = AcquisitionStats.wrapping(
                new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(registry));
        config.setMetricsTrackerFactory(stats); // HikariCP's own hikaricp.connections.* meters too
        HikariDataSource pool = new HikariDataSource(config);
        AdaptivePoolSizer sizer =
                AdaptivePoolSizer.start(pool, stats, AdaptivePolicy.between(2, 16), Duration.ofSeconds(5));
        PoolMetrics.of(pool, sizer).bindTo(registry); // perfkit.pool.* {pool=<pool name>}
        // @end
        sizer.close();
        pool.close();
    }
}
