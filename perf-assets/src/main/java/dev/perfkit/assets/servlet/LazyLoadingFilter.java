package dev.perfkit.assets.servlet;

import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.frontend.LazyLoading;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Applies {@link LazyLoading} to {@code text/html} responses as they are written (through the writer or the
 * output stream, in the response's charset); every other response passes through untouched, its
 * {@code Content-Length} included. A rewritten page is sent without {@code Content-Length} (its length changed).
 *
 * <pre>{@code
 * context.addFilter(new FilterHolder(new LazyLoadingFilter(LazyLoading.defaults())), "/*",
 *         EnumSet.of(DispatcherType.REQUEST));
 * // with width and height for the manifest's images served under /assets:
 * new LazyLoadingFilter(LazyLoading.defaults().withImageSizes(manifest, "/assets"));
 * }</pre>
 */
public final class LazyLoadingFilter implements Filter {
    private final LazyLoading lazy;

    /** A filter applying {@code lazy}. */
    public LazyLoadingFilter(LazyLoading lazy) {
        this.lazy = Objects.requireNonNull(lazy, "lazy");
    }

    /**
     * A filter with {@link LazyLoading#defaults()} that also adds {@code width} and {@code height} to images of the
     * manifest served under {@code pathPrefix} (see {@link LazyLoading#withImageSizes}).
     *
     * @throws IllegalArgumentException if pathPrefix is neither empty nor starts with {@code /}
     */
    public LazyLoadingFilter(AssetManifest manifest, String pathPrefix) {
        this(LazyLoading.defaults().withImageSizes(manifest, pathPrefix));
    }

    /** A filter with {@link LazyLoading#defaults()}. */
    public LazyLoadingFilter() {
        this(LazyLoading.defaults());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(response instanceof HttpServletResponse http)) {
            chain.doFilter(request, response);
            return;
        }
        Wrapper wrapper = new Wrapper(http, lazy);
        try {
            chain.doFilter(request, wrapper);
        } finally {
            wrapper.finish();
        }
    }

    private static final class Wrapper extends HttpServletResponseWrapper {
        private final LazyLoading lazy;
        private long pendingLength = -1;
        private boolean decided;
        private boolean html;
        private @Nullable Writer rewriting;
        private @Nullable PrintWriter writer;
        private @Nullable ServletOutputStream stream;

        Wrapper(HttpServletResponse response, LazyLoading lazy) {
            super(response);
            this.lazy = lazy;
        }

        /** Decides once, when the body starts, whether this response is HTML to rewrite. */
        private boolean html() {
            if (!decided) {
                decided = true;
                String type = getContentType();
                html = type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html") && !isCommitted();
                if (!html && pendingLength >= 0) {
                    super.setContentLengthLong(pendingLength);
                }
            }
            return html;
        }

        private Charset charset() {
            try {
                return Charset.forName(getCharacterEncoding());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException | NullPointerException e) {
                return StandardCharsets.ISO_8859_1; // the servlet default; bytes pass through one to one
            }
        }

        @Override
        public void setContentLength(int len) {
            setContentLengthLong(len);
        }

        @Override
        public void setContentLengthLong(long len) {
            if (decided) {
                if (!html) {
                    super.setContentLengthLong(len);
                }
            } else {
                pendingLength = len; // held until the body shows whether the length will change
            }
        }

        @Override
        public void setHeader(String name, @Nullable String value) {
            if (name.equalsIgnoreCase("Content-Length") && value != null) {
                try {
                    setContentLengthLong(Long.parseLong(value.trim()));
                    return;
                } catch (NumberFormatException e) {
                    // not a length: let the container judge it
                }
            }
            super.setHeader(name, value);
        }

        @Override
        public void addHeader(String name, @Nullable String value) {
            if (name.equalsIgnoreCase("Content-Length")) {
                setHeader(name, value);
                return;
            }
            super.addHeader(name, value);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer != null) {
                return writer;
            }
            if (!html()) {
                return super.getWriter();
            }
            Writer w = lazy.wrap(super.getWriter());
            rewriting = w;
            writer = new PrintWriter(w);
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream != null) {
                return stream;
            }
            ServletOutputStream original = super.getOutputStream();
            if (!html()) {
                return original;
            }
            Charset charset = charset();
            Writer w = lazy.wrap(new OutputStreamWriter(new Unclosable(original), charset));
            rewriting = w;
            stream = new DecodingStream(original, w, charset);
            return stream;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (rewriting != null) {
                rewriting.flush();
            }
            super.flushBuffer();
        }

        void finish() throws IOException {
            if (!decided && pendingLength >= 0) {
                super.setContentLengthLong(pendingLength); // no body was written: nothing changed
            }
            if (stream instanceof DecodingStream d) {
                d.finish();
            }
            if (writer != null) {
                writer.flush();
            }
            if (rewriting != null) {
                rewriting.close(); // writes out a tag still held, then flushes; the container's stream stays open
            }
        }
    }

    /** The container's stream, whose close() the rewriting writer must not call. */
    private static final class Unclosable extends OutputStream {
        private final OutputStream out;

        Unclosable(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** Bytes in, decoded in the response's charset, into the rewriting writer. */
    private static final class DecodingStream extends ServletOutputStream {
        private final ServletOutputStream original;
        private final Writer out;
        private final CharsetDecoder decoder;
        private final java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(8192);
        private final java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(8192);

        DecodingStream(ServletOutputStream original, Writer out, Charset charset) {
            this.original = original;
            this.out = out;
            this.decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int i = off;
            while (i < off + len) {
                int n = Math.min(in.remaining(), off + len - i);
                in.put(b, i, n);
                i += n;
                drain(false);
            }
        }

        private void drain(boolean end) throws IOException {
            in.flip();
            while (true) {
                var result = decoder.decode(in, chars, end);
                chars.flip();
                out.append(chars);
                chars.clear();
                if (!result.isOverflow()) {
                    break;
                }
            }
            in.compact();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        void finish() throws IOException {
            drain(true);
            chars.clear();
            decoder.flush(chars);
            chars.flip();
            out.append(chars);
        }

        @Override
        public boolean isReady() {
            return original.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            original.setWriteListener(listener);
        }
    }
}
