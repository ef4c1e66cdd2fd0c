/**
 * Service-level objectives over Micrometer timers: {@link dev.perfkit.metrics.slo.Slo} defines one (in Java or in
 * a YAML file read by {@link dev.perfkit.metrics.slo.SloDefinitions}); {@link dev.perfkit.metrics.slo.BurnRateMonitor}
 * evaluates multi-window, multi-burn-rate alerts in process and sends them to an
 * {@link dev.perfkit.metrics.slo.AlertSink}; {@link dev.perfkit.metrics.slo.PrometheusRules} and
 * {@link dev.perfkit.metrics.slo.GrafanaDashboard} generate the same alerts and their dashboard for Prometheus and
 * Grafana from the same definitions.
 */
@NullMarked
package dev.perfkit.metrics.slo;

import org.jspecify.annotations.NullMarked;
