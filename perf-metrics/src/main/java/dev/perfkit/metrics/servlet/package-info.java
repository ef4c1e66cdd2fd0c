/**
 * Servlet glue of perf-metrics: {@link dev.perfkit.metrics.servlet.AssetMetricsFilter} counts what perf-assets'
 * asset servlet sends; {@link dev.perfkit.metrics.servlet.HttpCacheObservations} observes the HTTP response cache's
 * decisions. Loaded only by servlet applications (the Servlet API is an optional dependency).
 */
@NullMarked
package dev.perfkit.metrics.servlet;

import org.jspecify.annotations.NullMarked;
