/**
 * The Jakarta Servlet asset server: {@link dev.perfkit.assets.servlet.AssetServlet} serves a processed folder
 * from its manifest with content negotiation, per-coding ETags, conditional and range requests. The servlet API is
 * an optional dependency; applications without it never load this package.
 */
@NullMarked
package dev.perfkit.assets.servlet;

import org.jspecify.annotations.NullMarked;
