/**
 * perf-db benchmarks on PostgreSQL: instrumentation overhead against plain jOOQ, keyset against OFFSET
 * paging, and multi-row batch inserts against row-by-row inserts.
 */
@NullMarked
package dev.perfkit.benchmarks.db;

import org.jspecify.annotations.NullMarked;
