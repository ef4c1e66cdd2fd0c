/**
 * Internals of perf-assets: hashing, content types, CSS reference rewriting, dependency order, compressors and
 * the compression cache. Not API: these types may change in any release.
 */
@NullMarked
package dev.perfkit.assets.internal;

import org.jspecify.annotations.NullMarked;
