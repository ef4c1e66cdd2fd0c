/**
 * Frontend delivery for server-rendered pages: the tags a page needs from a Vite build's manifest
 * ({@link dev.perfkit.assets.frontend.ViteTags}: stylesheets, module scripts, modulepreload for the static
 * imports, integrity and CSP nonces), the same as a {@code Link} header for Early Hints, and a streaming HTML pass
 * that lazy-loads what is below the fold ({@link dev.perfkit.assets.frontend.LazyLoading}). No servlet dependency:
 * the servlet glue is in {@code dev.perfkit.assets.servlet}.
 */
@NullMarked
package dev.perfkit.assets.frontend;

import org.jspecify.annotations.NullMarked;
