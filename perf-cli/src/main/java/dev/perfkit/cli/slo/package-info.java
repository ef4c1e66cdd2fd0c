/** {@code perfkit slo}: Prometheus rules and a Grafana dashboard generated from an SLO definition file. */
@NullMarked
package dev.perfkit.cli.slo;

import org.jspecify.annotations.NullMarked;
