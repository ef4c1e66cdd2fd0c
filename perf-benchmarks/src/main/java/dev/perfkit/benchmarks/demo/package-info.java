/**
 * The end-to-end demo, perfkit's main job: a small shop (catalog, customers, orders, a storefront page) on Jetty
 * and PostgreSQL, measured step by step as each perfkit module is switched on. Run it with
 * {@code java -jar perf-benchmarks/target/perfkit-demo.jar} ({@code --help} lists the options).
 */
@NullMarked
package dev.perfkit.benchmarks.demo;

import org.jspecify.annotations.NullMarked;
