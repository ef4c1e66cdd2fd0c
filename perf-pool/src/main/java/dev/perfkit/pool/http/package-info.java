/**
 * Connection-pool settings for the JDK {@link java.net.http.HttpClient}: a builder for per-client settings
 * (connect timeout, executor, protocol version) and an explicit API for the JVM-wide pool properties.
 * The JDK client keeps its pool size and keep-alive in system properties read once, so they are set apart.
 */
@NullMarked
package dev.perfkit.pool.http;

import org.jspecify.annotations.NullMarked;
