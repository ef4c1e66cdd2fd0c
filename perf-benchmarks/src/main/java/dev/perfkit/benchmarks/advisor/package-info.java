/**
 * Index advisor benchmarks: a 33-shape workload over a generated 1.6M-row schema, run without and with the
 * advisor's indexes, and a runner that times the advisor on 200 fingerprints.
 */
@NullMarked
package dev.perfkit.benchmarks.advisor;

import org.jspecify.annotations.NullMarked;
