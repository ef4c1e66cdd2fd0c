/**
 * HikariCP presets, pool sizing from measurements with its reasoning, configuration checks against the live
 * database, adaptive sizing of a running pool, and leak reporting by call site. Entry points:
 * {@link dev.perfkit.pool.PoolPreset}, {@link dev.perfkit.pool.PoolSizing}, {@link dev.perfkit.pool.ConfigChecks},
 * {@link dev.perfkit.pool.AdaptivePoolSizer} and {@link dev.perfkit.pool.LeakReporter}.
 */
@NullMarked
package dev.perfkit.pool;

import org.jspecify.annotations.NullMarked;
