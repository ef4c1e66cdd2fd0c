/** {@code perfkit bench}: reading JMH results (perfkit/baseline ratios with their intervals) and the regression gate. */
@NullMarked
package dev.perfkit.cli.bench;

import org.jspecify.annotations.NullMarked;
