/**
 * Service provider interfaces for a shared second-level store and a cross-instance invalidation bus.
 *
 * <p>Both are optional: without them a cache is purely local. perf-cache-redis implements them over Redis, so
 * perf-cache itself depends on no remote technology.
 */
@NullMarked
package dev.perfkit.cache.spi;

import org.jspecify.annotations.NullMarked;
