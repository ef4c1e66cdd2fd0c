/**
 * The distributed tier for perf-cache: a Redis second level and cross-instance invalidation.
 */
@NullMarked
package dev.perfkit.cache.redis;

import org.jspecify.annotations.NullMarked;
