/**
 * Query instrumentation for jOOQ and plain JDBC: {@link dev.perfkit.db.QueryInstrumentation} records every
 * statement under its {@link dev.perfkit.db.SqlFingerprint} into bounded {@link dev.perfkit.db.QueryStats},
 * logs slow statements with their call site and plan, and feeds {@link dev.perfkit.db.QueryScope}s that
 * detect N+1 patterns. Plan analysis, jOOQ helpers and framework glue live in sub-packages.
 */
@NullMarked
package dev.perfkit.db;

import org.jspecify.annotations.NullMarked;
