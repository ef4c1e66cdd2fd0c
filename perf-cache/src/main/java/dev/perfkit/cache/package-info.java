/**
 * Cache-aside over Caffeine: one builder ({@link dev.perfkit.cache.PerfCache#builder()}), single-flight loading,
 * stale-while-revalidate, TTL jitter, negative caching and invalidation by key, tag or namespace epoch.
 *
 * <p>A load that races with an invalidation answers its waiting callers but is never stored. Statistics and
 * events are plain Java types; the second level and the cross-instance bus plug in through
 * {@link dev.perfkit.cache.spi}.
 */
@NullMarked
package dev.perfkit.cache;

import org.jspecify.annotations.NullMarked;
