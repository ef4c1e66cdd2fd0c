package dev.perfkit.assets.frontend;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;

/**
 * A streaming HTML pass that keeps what is below the fold from competing with what is above it: {@code <img>}
 * and {@code <iframe>} elements after the first {@code n} (default 2) get {@code loading="lazy"} (images also
 * {@code decoding="async"}), and the first image, the likely LCP element, gets {@code fetchpriority="high"}.
 *
 * <p>It reads the page as it is written, holding at most one tag in memory (a tag longer than 16 KiB is passed on
 * as it is), with no DOM. An element that already sets {@code loading} or {@code fetchpriority} is left as its
 * author wrote it (it still counts). Comments, {@code <script>}, {@code <style>}, {@code <textarea>} and
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

    private LazyLoading(int eager) {
        this.eager = eager;
    }

    /** The first two images or iframes load eagerly, the rest lazily. */
    public static LazyLoading defaults() {
        return new LazyLoading(2);
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
        return new LazyLoading(n);
    }

    /** A writer that rewrites what is written to it and passes it on to {@code out}; close or flush it at the end. */
    public Writer wrap(Writer out) {
        return new LazyHtmlWriter(Objects.requireNonNull(out, "out"), eager);
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
