/** {@code perfkit bench}: the benchmark regression gate over JMH result files. */
@NullMarked
package dev.perfkit.cli.bench;

import org.jspecify.annotations.NullMarked;
