/** {@code perfkit bench}: reading JMH results (perfkit/baseline ratios with their intervals). */
@NullMarked
package dev.perfkit.cli.bench;

import org.jspecify.annotations.NullMarked;
