/**
 * The {@code perf-db-cli.jar} command line front of the index advisor: argument parsing, exit codes and the
 * JSON/text output contract. Library users call {@link dev.perfkit.db.advisor.IndexAdvisor} directly.
 */
@NullMarked
package dev.perfkit.db.advisor.cli;

import org.jspecify.annotations.NullMarked;
