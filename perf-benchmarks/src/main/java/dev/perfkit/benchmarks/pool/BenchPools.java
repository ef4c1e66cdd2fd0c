package dev.perfkit.benchmarks.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.pool.DatabaseKind;
import dev.perfkit.pool.PoolPreset;
import dev.perfkit.pool.PoolSizing;
import dev.perfkit.pool.SizingInputs;
import dev.perfkit.pool.SizingResult;
import dev.perfkit.testsupport.TestDatabase;
import org.jspecify.annotations.Nullable;

/** Pools for the benchmarks: the web preset at a given size, and perf-pool's recommendation for this machine. */
final class BenchPools {
  private BenchPools() {}

  /**
   * The recommendation for the machine the benchmark runs on: PostgreSQL shares this host, so its cores are
   * this JVM's available processors; storage is one SSD (one effective spindle).
   */
  static SizingResult recommendation() {
    return PoolSizing.recommend(SizingInputs.builder()
        .databaseCores(Runtime.getRuntime().availableProcessors()).effectiveSpindles(1).build());
  }

  static HikariDataSource pool(TestDatabase db, int size, com.zaxxer.hikari.metrics.@Nullable MetricsTrackerFactory metrics) {
    HikariConfig config = PoolPreset.WEB_OLTP.config(DatabaseKind.POSTGRESQL, db.jdbcUrl());
    config.setUsername(db.user());
    config.setPassword(db.password());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    config.setConnectionTimeout(30_000);
    config.setLeakDetectionThreshold(0);
    if (metrics != null) {
      config.setMetricsTrackerFactory(metrics);
    }
    return new HikariDataSource(config);
  }
}
