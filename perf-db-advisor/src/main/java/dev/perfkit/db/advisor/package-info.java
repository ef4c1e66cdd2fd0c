/**
 * The index advisor: turns a workload (perf-db fingerprints, {@code pg_stat_statements} or a SQL file) into a
 * small set of planner-validated index recommendations, and reports unused, duplicate, invalid and missing
 * foreign-key indexes, each with ready DDL. Entry point: {@link dev.perfkit.db.advisor.IndexAdvisor#builder()}.
 * The database is never changed unless {@link dev.perfkit.db.advisor.IndexAdvisor#apply} is called.
 */
@NullMarked
package dev.perfkit.db.advisor;

import org.jspecify.annotations.NullMarked;
