/**
 * Reading query plans: {@link dev.perfkit.db.plan.ExplainDialect} runs EXPLAIN safely for one database,
 * and {@link dev.perfkit.db.plan.PostgresPlanAnalyzer} turns PostgreSQL JSON plans into findings that name
 * the plan node and its numbers. MySQL/MariaDB can follow behind the same interface.
 */
@NullMarked
package dev.perfkit.db.plan;

import org.jspecify.annotations.NullMarked;
