/**
 * {@code perfkit advise}: the command line of the index advisor in perf-db-advisor, with its flags, exit codes
 * and JSON/text output contract. Library users call {@link dev.perfkit.db.advisor.IndexAdvisor} directly.
 */
@NullMarked
package dev.perfkit.cli.advise;

import org.jspecify.annotations.NullMarked;
