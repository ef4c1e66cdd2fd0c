/**
 * The Jakarta Servlet adapter of perf-cache's HTTP response cache: {@link
 * dev.perfkit.cache.http.servlet.ResponseCacheFilter} and {@link dev.perfkit.cache.http.servlet.ResponseTags}. Needs
 * Servlet 6.0 or later (Jetty 12 ee10, Tomcat 10.1, Spring Boot 3), which the application brings.
 */
@NullMarked
package dev.perfkit.cache.http.servlet;

import org.jspecify.annotations.NullMarked;
