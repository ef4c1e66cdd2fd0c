/**
 * A Jakarta Servlet filter that runs each request in a {@link dev.perfkit.db.QueryScope}, so N+1 queries
 * are reported per request. Needs {@code jakarta.servlet-api} (an optional dependency of perf-db).
 */
@NullMarked
package dev.perfkit.db.servlet;

import org.jspecify.annotations.NullMarked;
