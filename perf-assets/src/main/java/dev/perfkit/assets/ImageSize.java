package dev.perfkit.assets;

/**
 * The intrinsic size of an image asset in CSS pixels, as the pipeline read it from the file's header (PNG, JPEG,
 * GIF, WebP) or from an SVG root element's {@code width}/{@code height} or {@code viewBox}. Pages use it for an
 * {@code <img>}'s {@code width} and {@code height}, so the browser reserves the space before the image arrives.
 *
 * <pre>{@code
 * ImageSize size = manifest.entry("img/hero.png").orElseThrow().imageSize(); // null for a non-image
 * }</pre>
 *
 * <p>A JPEG's EXIF orientation is not applied: a photo stored sideways with an orientation tag of 90 degrees is
 * recorded with its stored width and height.
 *
 * @param width the width, at least 1
 * @param height the height, at least 1
 */
public record ImageSize(int width, int height) {
    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if width or height is below 1
     */
    public ImageSize {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException(
                    "image width and height must be at least 1, but were " + width + "x" + height);
        }
    }
}
