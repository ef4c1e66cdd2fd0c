package dev.perfkit.assets.frontend;

import dev.perfkit.assets.AssetManifest;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;

/**
 * A streaming HTML pass that keeps what is below the fold from competing with what is above it: {@code <img>}
 * and {@code <iframe>} elements after the first {@code n} (default 2) get {@code loading="lazy"} (images also
 * {@code decoding="async"}), and the first image, the likely LCP element, gets {@code fetchpriority="high"}.
 * Given a manifest ({@link #withImageSizes}), an {@code <img>} with neither {@code width} nor {@code height} whose
 * {@code src} names a measured image of the manifest also gets its {@code width} and {@code height}, so the browser
 * reserves its box before it arrives (no layout shift).
 *
 * <p>It reads the page as it is written, holding at most one tag in memory (a tag longer than 16 KiB is passed on
 * as it is), with no DOM. An element that already sets {@code loading} or {@code fetchpriority} keeps its
 * author's loading hints (it still counts), and an image that sets {@code width} or {@code height} gets no size:
 * an attribute the page sets is never changed or doubled. Comments, {@code <script>}, {@code <style>}, {@code <textarea>} and
 * {@code <title>} content are never touched, and HTML it cannot follow (an unterminated tag) is passed on
 * unchanged. {@code dev.perfkit.assets.servlet.LazyLoadingFilter} applies it to {@code text/html} responses.
 *
 * {@snippet class=dev.perfkit.assets.frontend.LazyLoadingSnippets region=basic}
 */
@SuppressWarnings("InvalidInlineTag") // {@snippet} is JDK 18 Javadoc; Error Prone on 17 does not know it
public final class LazyLoading {
    /** The longest tag held in memory; longer ones pass unchanged. */
    static final int MAX_TAG = 16 * 1024;

    private final int eager;
    private final ImageSizes sizes;

    private LazyLoading(int eager, ImageSizes sizes) {
        this.eager = eager;
        this.sizes = sizes;
    }

    /** The first two images or iframes load eagerly, the rest lazily. */
    public static LazyLoading defaults() {
        return new LazyLoading(2, ImageSizes.NONE);
    }

    /**
     * The first {@code n} images or iframes load eagerly, the rest lazily.
     *
     * @throws IllegalArgumentException if n is negative or above 1000
     */
    public static LazyLoading eagerFirst(int n) {
        if (n < 0 || n > 1000) {
            throw new IllegalArgumentException("the number of eager images must be 0 to 1000, but was " + n);
        }
        return new LazyLoading(n, ImageSizes.NONE);
    }

    /**
     * This pass, also adding {@code width} and {@code height} from the manifest's image sizes to an {@code <img>}
     * that has neither. Its {@code src} must be a URL the page would get from {@code AssetUrls.of(manifest,
     * pathPrefix)}: under {@code pathPrefix} or the manifest's CDN base, naming the fingerprinted file or the
     * logical path (a query or fragment is ignored). Relative URLs are left alone, their base being unknown here.
     *
     * {@snippet class=dev.perfkit.assets.frontend.LazyLoadingSnippets region=sizes}
     *
     * @param manifest the processed assets, with image sizes (the pipeline records them)
     * @param pathPrefix where the asset servlet is mapped, "" or starting with {@code /}, for example {@code /assets}
     * @return a copy of this pass with the sizes; this one is unchanged
     * @throws IllegalArgumentException if pathPrefix is neither empty nor starts with {@code /}
     */
    public LazyLoading withImageSizes(AssetManifest manifest, String pathPrefix) {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        return new LazyLoading(eager, ImageSizes.of(manifest, pathPrefix));
    }

    /** A writer that rewrites what is written to it and passes it on to {@code out}; close or flush it at the end. */
    public Writer wrap(Writer out) {
        return new LazyHtmlWriter(Objects.requireNonNull(out, "out"), eager, sizes);
    }

    /** Rewrites a whole page. */
    public String rewrite(String html) {
        StringWriter out = new StringWriter(html.length() + 256);
        try (Writer w = wrap(out)) {
            w.write(html);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not throw
        }
        return out.toString();
    }
}
