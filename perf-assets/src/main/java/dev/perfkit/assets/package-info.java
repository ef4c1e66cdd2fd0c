/**
 * Asset fingerprinting, precompression, the manifest, and serving with correct HTTP semantics.
 */
@NullMarked
package dev.perfkit.assets;

import org.jspecify.annotations.NullMarked;
