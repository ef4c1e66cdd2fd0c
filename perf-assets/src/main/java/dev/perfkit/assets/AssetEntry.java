package dev.perfkit.assets;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One asset in the manifest: its logical path, its (fingerprinted) file and its precompressed variants.
 *
 * <pre>{@code
 * AssetEntry e = manifest.entry("css/app.css").orElseThrow();
 * e.file();       // "css/app-3f2a1b9c0d.css"
 * e.integrity();  // "sha384-..."
 * }</pre>
 *
 * @param logicalPath the path in the input folder, for example {@code css/app.css}
 * @param file the output file, relative to the output folder; equals logicalPath when the name was already hashed
 *     (listed by the bundler's manifest or matched by {@link AssetPipeline.Builder#hashedNames})
 * @param size the identity representation's length in bytes
 * @param contentType the media type, with {@code charset=utf-8} for text
 * @param integrity the SHA-384 Subresource Integrity value of the identity bytes
 * @param etag the identity representation's strong entity tag, quoted
 * @param variants the precompressed representations kept, by coding (unmodifiable)
 * @param fingerprinted whether {@code file}'s name carries a content hash (the pipeline's, or the bundler's for a
 *     kept name), so its URL may be cached as immutable
 * @param imageSize the intrinsic size of a PNG, JPEG, GIF, WebP or SVG image read from its header, or null for
 *     other files and for images whose size could not be read (the pipeline then warns)
 */
public record AssetEntry(
        String logicalPath,
        String file,
        long size,
        String contentType,
        String integrity,
        String etag,
        Map<Coding, Variant> variants,
        boolean fingerprinted,
        @Nullable ImageSize imageSize) {
    /**
     * Checks and copies the components.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if size is negative
     */
    public AssetEntry {
        Objects.requireNonNull(logicalPath, "logicalPath");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(etag, "etag");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, but was " + size);
        }
        EnumMap<Coding, Variant> copy = new EnumMap<>(Coding.class);
        copy.putAll(Objects.requireNonNull(variants, "variants"));
        variants = Collections.unmodifiableMap(copy);
    }

    /**
     * An entry without an image size, as before image sizes were recorded.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if size is negative
     */
    public AssetEntry(
            String logicalPath,
            String file,
            long size,
            String contentType,
            String integrity,
            String etag,
            Map<Coding, Variant> variants,
            boolean fingerprinted) {
        this(logicalPath, file, size, contentType, integrity, etag, variants, fingerprinted, null);
    }
}
