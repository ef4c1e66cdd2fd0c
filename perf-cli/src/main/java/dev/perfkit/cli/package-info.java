/**
 * The {@code perfkit} command-line tool ({@link dev.perfkit.cli.Perfkit}): picocli wiring, the exit codes every
 * subcommand shares ({@link dev.perfkit.cli.Exit}) and the progress display. Subcommands live in their own
 * packages; the libraries they drive carry no command-line code.
 */
@NullMarked
package dev.perfkit.cli;

import org.jspecify.annotations.NullMarked;
