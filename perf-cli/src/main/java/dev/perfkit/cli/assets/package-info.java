/**
 * {@code perfkit assets process} and {@code perfkit assets serve}: the command line of perf-assets' pipeline
 * and of its servlet on an embedded Jetty. Jetty lives here, in the tool, not in the perf-assets library.
 */
@NullMarked
package dev.perfkit.cli.assets;

import org.jspecify.annotations.NullMarked;
