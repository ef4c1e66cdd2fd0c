/** Benchmarks of perf-cache's HTTP response cache through a real Jetty, PostgreSQL and Jackson. */
@NullMarked
package dev.perfkit.benchmarks.http;

import org.jspecify.annotations.NullMarked;
