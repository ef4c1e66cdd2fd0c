/**
 * The {@code perf-assets-cli.jar} command line ({@code process} and {@code serve}). It needs Jetty and the servlet
 * API, which the shaded CLI jar carries; the library jar does not.
 */
@NullMarked
package dev.perfkit.assets.cli;

import org.jspecify.annotations.NullMarked;
