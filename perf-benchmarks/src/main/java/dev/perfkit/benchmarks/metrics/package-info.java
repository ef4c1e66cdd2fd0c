/** Benchmarks of perf-metrics: what its binders add per recorded event over a raw Micrometer meter. */
@NullMarked
package dev.perfkit.benchmarks.metrics;

import org.jspecify.annotations.NullMarked;
