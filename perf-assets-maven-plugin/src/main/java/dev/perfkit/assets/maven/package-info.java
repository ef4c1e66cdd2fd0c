/** The perf-assets Maven plugin: {@link dev.perfkit.assets.maven.ProcessMojo} runs the pipeline in a build. */
@NullMarked
package dev.perfkit.assets.maven;

import org.jspecify.annotations.NullMarked;
