/**
 * Query instrumentation for jOOQ and JDBC, plan analysis, and helpers for keyset pagination and batching.
 */
@NullMarked
package dev.perfkit.db;

import org.jspecify.annotations.NullMarked;
