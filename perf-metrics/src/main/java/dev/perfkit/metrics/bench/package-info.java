/**
 * The benchmark regression gate: {@link dev.perfkit.metrics.bench.JmhResults} reads JMH's {@code -rf json} files
 * and {@link dev.perfkit.metrics.bench.BenchComparison} compares two of them with their confidence intervals,
 * failing only on significant regressions. Build-time code: nothing here is used by the runtime binders.
 */
@NullMarked
package dev.perfkit.metrics.bench;

import org.jspecify.annotations.NullMarked;
