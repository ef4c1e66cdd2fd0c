/**
 * Asset fingerprinting, precompression (gzip, Brotli, zstd), the {@code perfkit-manifest.json} manifest and URL
 * rendering. Start with {@link dev.perfkit.assets.AssetPipeline} at build time and
 * {@link dev.perfkit.assets.AssetManifest} plus {@link dev.perfkit.assets.AssetUrls} at run time.
 */
@NullMarked
package dev.perfkit.assets;

import org.jspecify.annotations.NullMarked;
