/**
 * Implementation of perf-metrics: bounded tag values, fingerprint ids, statistics of the regression gate.
 *
 * <p>Not an API: everything here may change without notice.
 */
@NullMarked
package dev.perfkit.metrics.internal;

import org.jspecify.annotations.NullMarked;
