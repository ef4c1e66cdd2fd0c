/**
 * A JUnit 5 extension for users' own test suites: a per-test budget of statements and an assertion that
 * no statement scanned a large table sequentially. Needs {@code junit-jupiter-api} (an optional dependency
 * of perf-db) and statements recorded by a {@link dev.perfkit.db.QueryInstrumentation}.
 */
@NullMarked
package dev.perfkit.db.junit;

import org.jspecify.annotations.NullMarked;
