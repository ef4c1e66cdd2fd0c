package dev.perfkit.cache.http.servlet;

import dev.perfkit.cache.http.CapturedResponse;
import dev.perfkit.cache.http.HttpExchange;
import dev.perfkit.cache.http.HttpHeader;
import dev.perfkit.cache.http.internal.HttpDates;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Records what the application answers instead of sending it: status, headers (cookies as Set-Cookie lines) and the
 * body, buffered up to the limit. Past the limit, unless detached, it sends the status and headers (as the cache
 * decides them) and everything buffered, then streams the rest; detached, it drops the rest. Nothing of the real
 * response is touched before that, so a handler that throws halfway leaves the response untouched.
 *
 * <p>When the application went asynchronous, {@link #handOver} sends what was recorded so far and turns the wrapper
 * into a plain pass-through to the real response (or, detached, into a sink that drops everything), so the thread
 * that completes the response later writes to the client. Every method holds the wrapper's lock, because that thread
 * may write while the request thread hands over; the lock is never held while calling into the writer (the writer's
 * own lock is taken first when the application writes through it).
 */
final class CapturingResponse extends HttpServletResponseWrapper {
    private final HttpServletResponse real;
    private final int limit;
    private final boolean detached;
    private final HttpExchange.StreamStart onStream;
    private final List<HttpHeader> headers = new ArrayList<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private int status = 200;
    private @Nullable String contentType;
    private @Nullable String charset;
    private @Nullable Locale locale;
    private boolean error;
    private @Nullable String errorMessage;
    private boolean streaming;
    private boolean overflowed;
    private @Nullable ServletOutputStream realOut;
    private @Nullable Capture out;
    private @Nullable CaptureWriter writer;
    private int bufferSize = 8192;
    /** After {@link #handOver}: everything goes to the real response. */
    private boolean direct;
    /** After a detached {@link #handOver}: everything is dropped. */
    private boolean discarding;
    /** What the first {@link #handOver} returned; a later call returns it again. */
    private @Nullable CapturedResponse handed;
    /** Whether the application started asynchronous processing (non-blocking output needs it). */
    private final BooleanSupplier asyncStarted;

    CapturingResponse(
            HttpServletResponse real,
            int limit,
            boolean detached,
            HttpExchange.StreamStart onStream,
            BooleanSupplier asyncStarted) {
        super(real);
        this.real = real;
        this.limit = limit;
        this.detached = detached;
        this.onStream = onStream;
        this.asyncStarted = asyncStarted;
    }

    CapturedResponse finish() throws IOException {
        PrintWriter w = writerOrNull();
        if (w != null) {
            w.flush();
        }
        return finishCaptured();
    }

    private synchronized @Nullable CaptureWriter writerOrNull() {
        return writer;
    }

    /**
     * The application went asynchronous: unless detached, sends the status, the headers as the cache decides them and
     * what was buffered, and passes everything after that straight to the real response; detached, drops everything
     * from now on. Nothing is stored: the returned capture is {@linkplain CapturedResponse#async() async}.
     */
    CapturedResponse handOver() throws IOException {
        CaptureWriter w = writerOrNull();
        if (w != null) {
            w.quietFlush(); // outside the lock: the application's thread takes the writer's lock, then this one
        }
        CapturedResponse handed;
        synchronized (this) {
            CapturedResponse before = this.handed;
            if (before != null) {
                return before; // handed over early, when the application asked for non-blocking output
            }
            List<HttpHeader> all = recorded();
            if (detached) {
                discarding = true;
                buffer.reset();
                handed = CapturedResponse.async(status, all);
                this.handed = handed;
                return handed;
            }
            if (!streaming) {
                if (error) {
                    Servlets.apply(real, onStream.headers(status, all));
                    if (errorMessage != null) {
                        real.sendError(status, errorMessage);
                    } else {
                        real.sendError(status);
                    }
                } else {
                    real.setStatus(status);
                    Servlets.apply(real, onStream.headers(status, all));
                    if (buffer.size() > 0) {
                        ServletOutputStream o = real.getOutputStream();
                        realOut = o;
                        buffer.writeTo(o);
                        buffer.reset();
                    }
                }
            }
            direct = true;
            handed = CapturedResponse.async(status, all);
            this.handed = handed;
        }
        if (w != null) {
            w.quietFlush(); // what the application wrote between the first flush and the switch
        }
        return handed;
    }

    private synchronized CapturedResponse finishCaptured() throws IOException {
        List<HttpHeader> all = recorded();
        if (error) {
            return CapturedResponse.error(status, all);
        }
        if (streaming || overflowed) {
            if (realOut != null) {
                realOut.flush();
            }
            return CapturedResponse.streamed(status, all);
        }
        return CapturedResponse.complete(status, all, buffer.toByteArray());
    }

    @Nullable
    String errorMessage() {
        return errorMessage;
    }

    private List<HttpHeader> recorded() {
        List<HttpHeader> all = new ArrayList<>(headers.size() + 2);
        String type = getContentType();
        if (type != null) {
            all.add(new HttpHeader("Content-Type", type));
        }
        if (locale != null && !has("Content-Language")) {
            all.add(new HttpHeader("Content-Language", locale.toLanguageTag()));
        }
        all.addAll(headers);
        return all;
    }

    private boolean has(String name) {
        for (HttpHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private void remove(String name) {
        headers.removeIf(h -> h.name().equalsIgnoreCase(name));
    }

    private synchronized void write(byte[] b, int off, int len) throws IOException {
        if (discarding) {
            return;
        }
        if (streaming || direct) {
            realOut().write(b, off, len);
            return;
        }
        if (overflowed) {
            return;
        }
        if (buffer.size() + len > limit) {
            if (detached) {
                overflowed = true;
                buffer.reset();
                return;
            }
            startStreaming();
            realOut().write(b, off, len);
            return;
        }
        buffer.write(b, off, len);
    }

    private void startStreaming() throws IOException {
        streaming = true;
        real.setStatus(status);
        Servlets.apply(real, onStream.headers(status, recorded()));
        ServletOutputStream o = real.getOutputStream();
        realOut = o;
        buffer.writeTo(o);
        buffer.reset();
    }

    private synchronized ServletOutputStream realOut() throws IOException {
        if (realOut == null) {
            if (!direct) {
                throw new IllegalStateException("not streaming");
            }
            realOut = real.getOutputStream();
        }
        return realOut;
    }

    // --- status and headers

    @Override
    public synchronized void setStatus(int sc) {
        if (direct) {
            super.setStatus(sc);
            return;
        }
        if (!streaming) {
            this.status = sc;
        }
    }

    @Override
    public synchronized int getStatus() {
        if (direct) {
            return super.getStatus();
        }
        return status;
    }

    @Override
    public synchronized void sendError(int sc, @Nullable String msg) throws IOException {
        if (direct) {
            super.sendError(sc, msg);
            return;
        }
        if (streaming) {
            throw new IllegalStateException("the response is committed");
        }
        this.status = sc;
        this.error = true;
        this.errorMessage = msg;
        buffer.reset();
    }

    @Override
    public void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    @Override
    public synchronized void sendRedirect(String location) throws IOException {
        if (direct) {
            super.sendRedirect(location);
            return;
        }
        if (streaming) {
            throw new IllegalStateException("the response is committed");
        }
        buffer.reset();
        this.status = SC_FOUND;
        setHeader("Location", location);
    }

    @Override
    public synchronized void setHeader(String name, @Nullable String value) {
        if (direct) {
            if (name == null || !onStream.internal(name)) { // the tag header never reaches the client
                super.setHeader(name, value);
            }
            return;
        }
        if (streaming || name == null) {
            return;
        }
        if (name.equalsIgnoreCase("Content-Type")) {
            setContentType(value);
            return;
        }
        if (name.equalsIgnoreCase("Content-Length")) {
            return; // the cache sets it from the body
        }
        remove(name);
        if (value != null) {
            headers.add(new HttpHeader(name, value));
        }
    }

    @Override
    public synchronized void addHeader(String name, @Nullable String value) {
        if (direct) {
            if (name == null || !onStream.internal(name)) { // the tag header never reaches the client
                super.addHeader(name, value);
            }
            return;
        }
        if (streaming || name == null || value == null) {
            return;
        }
        if (name.equalsIgnoreCase("Content-Type")) {
            setContentType(value);
            return;
        }
        if (name.equalsIgnoreCase("Content-Length")) {
            return;
        }
        headers.add(new HttpHeader(name, value));
    }

    @Override
    public void setIntHeader(String name, int value) {
        setHeader(name, Integer.toString(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        addHeader(name, Integer.toString(value));
    }

    @Override
    public void setDateHeader(String name, long date) {
        setHeader(name, HttpDates.format(date));
    }

    @Override
    public void addDateHeader(String name, long date) {
        addHeader(name, HttpDates.format(date));
    }

    @Override
    public synchronized boolean containsHeader(String name) {
        if (direct) {
            return super.containsHeader(name);
        }
        return has(name) || (name.equalsIgnoreCase("Content-Type") && contentType != null);
    }

    @Override
    public synchronized @Nullable String getHeader(String name) {
        if (direct) {
            return super.getHeader(name);
        }
        if (name.equalsIgnoreCase("Content-Type")) {
            return getContentType();
        }
        for (HttpHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    @Override
    public synchronized Collection<String> getHeaders(String name) {
        if (direct) {
            return super.getHeaders(name);
        }
        List<String> values = new ArrayList<>();
        for (HttpHeader h : recorded()) {
            if (h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        }
        return values;
    }

    @Override
    public synchronized Collection<String> getHeaderNames() {
        if (direct) {
            return super.getHeaderNames();
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (HttpHeader h : recorded()) {
            names.add(h.name());
        }
        return names;
    }

    @Override
    public synchronized void addCookie(Cookie cookie) {
        if (direct) {
            super.addCookie(cookie);
            return;
        }
        if (!streaming) {
            headers.add(new HttpHeader("Set-Cookie", Servlets.setCookie(cookie)));
        }
    }

    @Override
    public synchronized void setContentType(@Nullable String type) {
        if (direct) {
            super.setContentType(type);
            return;
        }
        if (streaming) {
            return;
        }
        if (type == null) {
            contentType = null;
            return;
        }
        int semi = type.indexOf(';');
        String base = semi < 0 ? type.trim() : type.substring(0, semi).trim();
        if (semi >= 0) {
            for (String param : type.substring(semi + 1).split(";", -1)) {
                String p = param.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=") && writer == null) {
                    charset = p.substring(8).replace("\"", "").trim();
                }
            }
        }
        contentType = base;
    }

    @Override
    public synchronized @Nullable String getContentType() {
        if (direct) {
            return super.getContentType();
        }
        if (contentType == null) {
            return null;
        }
        boolean text = contentType.startsWith("text/")
                || contentType.contains("json")
                || contentType.contains("xml")
                || contentType.contains("javascript");
        return charset != null && (text || writer != null) ? contentType + ";charset=" + charset : contentType;
    }

    @Override
    public synchronized void setCharacterEncoding(@Nullable String enc) {
        if (direct) {
            super.setCharacterEncoding(enc);
            return;
        }
        if (writer == null && !streaming) {
            charset = enc;
        }
    }

    @Override
    public synchronized String getCharacterEncoding() {
        if (direct) {
            return super.getCharacterEncoding();
        }
        return charset != null ? charset : super.getCharacterEncoding();
    }

    @Override
    public synchronized void setContentLength(int len) {
        if (direct) {
            super.setContentLength(len);
        }
    }

    @Override
    public synchronized void setContentLengthLong(long len) {
        if (direct) {
            super.setContentLengthLong(len);
        }
    }

    @Override
    public synchronized void setLocale(Locale loc) {
        if (direct) {
            super.setLocale(loc);
            return;
        }
        if (!streaming) {
            this.locale = loc;
        }
    }

    @Override
    public synchronized Locale getLocale() {
        if (direct) {
            return super.getLocale();
        }
        return locale != null ? locale : super.getLocale();
    }

    // --- body

    @Override
    public synchronized ServletOutputStream getOutputStream() throws IOException {
        if (direct) {
            if (out == null && writer == null) {
                return super.getOutputStream();
            }
        }
        if (writer != null) {
            throw new IllegalStateException("getWriter() was already called");
        }
        Capture o = out;
        if (o == null) {
            o = new Capture();
            out = o;
        }
        return o;
    }

    @Override
    public synchronized PrintWriter getWriter() throws IOException {
        if (direct) {
            if (out == null) {
                return super.getWriter();
            }
        }
        if (writer != null) {
            return writer;
        }
        if (out != null) {
            throw new IllegalStateException("getOutputStream() was already called");
        }
        Charset cs = StandardCharsets.ISO_8859_1;
        String name = getCharacterEncoding();
        if (name != null) {
            try {
                cs = Charset.forName(name);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new UnsupportedEncodingException(name);
            }
        }
        if (charset == null) {
            charset = cs.name();
        }
        Capture o = new Capture();
        out = o;
        CaptureWriter w = new CaptureWriter(new OutputStreamWriter(o, cs));
        writer = w;
        return w;
    }

    @Override
    public void flushBuffer() throws IOException {
        PrintWriter w = writerOrNull();
        if (w != null) {
            w.flush(); // outside the lock, as in handOver
        }
        synchronized (this) {
            if (streaming || direct) {
                real.flushBuffer();
            }
        }
    }

    @Override
    public synchronized boolean isCommitted() {
        if (direct) {
            return super.isCommitted();
        }
        return streaming;
    }

    @Override
    public synchronized void reset() {
        if (direct) {
            super.reset();
            return;
        }
        if (streaming) {
            throw new IllegalStateException("the response is committed");
        }
        headers.clear();
        status = 200;
        contentType = null;
        buffer.reset();
    }

    @Override
    public synchronized void resetBuffer() {
        if (direct) {
            super.resetBuffer();
            return;
        }
        if (streaming) {
            throw new IllegalStateException("the response is committed");
        }
        buffer.reset();
    }

    @Override
    public synchronized void setBufferSize(int size) {
        if (direct) {
            super.setBufferSize(size);
            return;
        }
        this.bufferSize = size;
    }

    @Override
    public synchronized int getBufferSize() {
        if (direct) {
            return super.getBufferSize();
        }
        return bufferSize;
    }

    @Override
    public synchronized void setTrailerFields(java.util.function.Supplier<Map<String, String>> supplier) {
        if (direct) {
            super.setTrailerFields(supplier);
        }
    }

    private synchronized boolean passingThrough() {
        return direct;
    }

    /**
     * The writer the application gets: after {@link #handOver} it flushes each write, because the application's
     * thread completes the response without flushing a writer the container does not know. Those flushes, and the
     * hand-over's, are quiet: they move the encoded bytes on without flushing (committing) the real response.
     */
    private final class CaptureWriter extends PrintWriter {
        /** Guarded by the writer's lock. */
        private boolean quiet;

        CaptureWriter(OutputStreamWriter out) {
            super(out, false);
        }

        void quietFlush() {
            synchronized (lock) {
                quiet = true;
                try {
                    super.flush();
                } finally {
                    quiet = false;
                }
            }
        }

        /** Whether the flush in progress on this thread is a quiet one; called under the writer's lock. */
        boolean quiet() {
            return quiet;
        }

        @Override
        public void write(int c) {
            super.write(c);
            flushIfPassingThrough();
        }

        @Override
        public void write(char[] buf, int off, int len) {
            super.write(buf, off, len);
            flushIfPassingThrough();
        }

        @Override
        public void write(String str, int off, int len) {
            super.write(str, off, len);
            flushIfPassingThrough();
        }

        @Override
        public void println() {
            super.println();
            flushIfPassingThrough();
        }

        private void flushIfPassingThrough() {
            if (passingThrough()) {
                quietFlush();
            }
        }
    }

    /** The captured output stream. */
    private final class Capture extends ServletOutputStream {
        @Override
        public boolean isReady() {
            synchronized (CapturingResponse.this) {
                if (!direct) {
                    return true; // captured into memory: never blocks
                }
            }
            try {
                return realOut().isReady();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Non-blocking output, which the servlet API allows only once asynchronous processing started: hands the
         * response over at once (what was recorded so far is sent, nothing will be stored, as for any asynchronous
         * response) and gives the listener to the real stream, so the application writes straight to the client.
         */
        @Override
        public void setWriteListener(WriteListener writeListener) {
            Objects.requireNonNull(writeListener, "writeListener");
            if (!asyncStarted.getAsBoolean()) {
                throw new IllegalStateException(
                        "setWriteListener needs asynchronous processing: call startAsync first");
            }
            if (detached) {
                throw new IllegalStateException(
                        "non-blocking output is not supported while the response cache revalidates in the background");
            }
            try {
                var unused = handOver();
                realOut().setWriteListener(writeListener);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            CapturingResponse.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            CapturingResponse.this.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            synchronized (CapturingResponse.this) {
                CaptureWriter w = writer;
                if (w != null && w.quiet()) {
                    return; // the writer's own flush, holding its lock: not the application's
                }
                if ((streaming || direct) && !discarding) {
                    realOut().flush();
                }
            }
        }
    }
}
