/**
 * Pool-size benchmarks: a pgbench-like TPC-B workload through HikariCP on PostgreSQL, with the pool sized by
 * perf-pool's recommendation against swept fixed sizes, plus a runner that prints throughput and p99 per size
 * and shows where the adaptive sizer converges.
 */
@NullMarked
package dev.perfkit.benchmarks.pool;

import org.jspecify.annotations.NullMarked;
