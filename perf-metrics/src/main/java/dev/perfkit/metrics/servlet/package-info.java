/**
 * Servlet glue of perf-metrics: {@link dev.perfkit.metrics.servlet.AssetMetricsFilter} counts what perf-assets'
 * asset servlet sends. Loaded only by servlet applications (the Servlet API is an optional dependency).
 */
@NullMarked
package dev.perfkit.metrics.servlet;

import org.jspecify.annotations.NullMarked;
