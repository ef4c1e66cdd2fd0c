package dev.perfkit.assets;

import java.util.Objects;

/**
 * One precompressed representation of an asset, as listed in the manifest.
 *
 * <pre>{@code
 * Variant br = manifest.entry("app.js").orElseThrow().variants().get(Coding.BROTLI);
 * String file = br.file(); // "app-3f2a1b9c0d.js.br", relative to the output folder
 * }</pre>
 *
 * @param file the variant's file, relative to the output folder, with {@code /} separators
 * @param size its length in bytes
 * @param etag its strong entity tag, quoted, distinct from every other coding's
 */
public record Variant(String file, long size, String etag) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if size is negative
     */
    public Variant {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(etag, "etag");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, but was " + size);
        }
    }
}
