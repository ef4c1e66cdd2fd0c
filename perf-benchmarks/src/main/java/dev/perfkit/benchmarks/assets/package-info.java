/**
 * Benchmarks of perf-assets: the pipeline on 1,000 generated files against a naive sequential gzip pipeline,
 * compressed sizes on real npm packages, and (with scripts/assets-vs-nginx.sh) serving against nginx gzip_static.
 */
@NullMarked
package dev.perfkit.benchmarks.assets;

import org.jspecify.annotations.NullMarked;
