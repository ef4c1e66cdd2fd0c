/**
 * JMH benchmarks: each class measures perfkit beside the baseline a user would otherwise use.
 */
@NullMarked
package dev.perfkit.benchmarks;

import org.jspecify.annotations.NullMarked;
