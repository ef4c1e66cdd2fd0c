/**
 * JMH benchmarks of perf-cache-redis beside raw Caffeine, raw Lettuce and Redisson's {@code RLocalCachedMap}: local
 * hits, second-level hits, mixed hits, invalidation propagation between two instances on loopback, and the time a
 * receiver needs to serve fresh values again after its pub/sub connection was killed.
 */
@NullMarked
package dev.perfkit.benchmarks.redis;

import org.jspecify.annotations.NullMarked;
