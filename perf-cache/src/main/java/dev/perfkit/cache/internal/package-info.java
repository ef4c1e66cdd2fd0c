/**
 * Implementation of perf-cache: the cache-aside core, single-flight loads, tag index and namespace epochs.
 *
 * <p>Not an API: everything here may change without notice. Use {@link dev.perfkit.cache.PerfCache}.
 */
@NullMarked
package dev.perfkit.cache.internal;

import org.jspecify.annotations.NullMarked;
