/**
 * HikariCP presets, pool sizing from measurements, configuration checks and adaptive sizing.
 */
@NullMarked
package dev.perfkit.pool;

import org.jspecify.annotations.NullMarked;
