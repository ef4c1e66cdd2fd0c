/**
 * Micrometer binders for perfkit's plain-Java statistics, SLO alerting and the benchmark regression gate.
 */
@NullMarked
package dev.perfkit.metrics;

import org.jspecify.annotations.NullMarked;
