/**
 * JMH benchmarks of perf-cache-redis beside raw Caffeine and raw Lettuce: local hits, second-level hits, and
 * invalidation propagation between two instances on loopback.
 */
@NullMarked
package dev.perfkit.benchmarks.redis;

import org.jspecify.annotations.NullMarked;
