/**
 * HTTP response caching for APIs, framework-neutral: deep ETags from a version function that runs before the handler,
 * shallow ETags from the body, an RFC 9111 shared cache inside the origin (built on perf-cache's single-flight, tags
 * and race-safe invalidation), and response tags for CDN purges.
 *
 * <p>{@link dev.perfkit.cache.http.HttpResponseCache} is the entry point; {@link dev.perfkit.cache.http.HttpExchange}
 * is what a framework adapter implements ({@code dev.perfkit.cache.http.servlet} is the Jakarta Servlet one).
 */
@NullMarked
package dev.perfkit.cache.http;

import org.jspecify.annotations.NullMarked;
