/**
 * The implementation of perf-cache's HTTP response cache: header parsing, keys, freshness, storage rules and the
 * request flow; not an API.
 */
@NullMarked
package dev.perfkit.cache.http.internal;

import org.jspecify.annotations.NullMarked;
