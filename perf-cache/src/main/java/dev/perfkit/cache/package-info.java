/**
 * Cache-aside over Caffeine: one builder, invalidation policies, single-flight loading and stale-while-revalidate.
 */
@NullMarked
package dev.perfkit.cache;

import org.jspecify.annotations.NullMarked;
