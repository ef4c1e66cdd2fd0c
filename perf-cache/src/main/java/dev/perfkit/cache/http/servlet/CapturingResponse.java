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
import org.jspecify.annotations.Nullable;

/**
 * Records what the application answers instead of sending it: status, headers (cookies as Set-Cookie lines) and the
 * body, buffered up to the limit. Past the limit, unless detached, it sends the status and headers (as the cache
 * decides them) and everything buffered, then streams the rest; detached, it drops the rest. Nothing of the real
 * response is touched before that, so a handler that throws halfway leaves the response untouched.
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
    private @Nullable PrintWriter writer;
    private int bufferSize = 8192;

    CapturingResponse(HttpServletResponse real, int limit, boolean detached, HttpExchange.StreamStart onStream) {
        super(real);
        this.real = real;
        this.limit = limit;
        this.detached = detached;
        this.onStream = onStream;
    }

    CapturedResponse finish() throws IOException {
        if (writer != null) {
            writer.flush();
        }
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

    private void write(byte[] b, int off, int len) throws IOException {
        if (streaming) {
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

    private ServletOutputStream realOut() {
        if (realOut == null) {
            throw new IllegalStateException("not streaming");
        }
        return realOut;
    }

    // --- status and headers

    @Override
    public void setStatus(int sc) {
        if (!streaming) {
            this.status = sc;
        }
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void sendError(int sc, @Nullable String msg) throws IOException {
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
    public void sendRedirect(String location) throws IOException {
        if (streaming) {
            throw new IllegalStateException("the response is committed");
        }
        buffer.reset();
        this.status = SC_FOUND;
        setHeader("Location", location);
    }

    @Override
    public void setHeader(String name, @Nullable String value) {
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
    public void addHeader(String name, @Nullable String value) {
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
    public boolean containsHeader(String name) {
        return has(name) || (name.equalsIgnoreCase("Content-Type") && contentType != null);
    }

    @Override
    public @Nullable String getHeader(String name) {
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
    public Collection<String> getHeaders(String name) {
        List<String> values = new ArrayList<>();
        for (HttpHeader h : recorded()) {
            if (h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        }
        return values;
    }

    @Override
    public Collection<String> getHeaderNames() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (HttpHeader h : recorded()) {
            names.add(h.name());
        }
        return names;
    }

    @Override
    public void addCookie(Cookie cookie) {
        if (!streaming) {
            headers.add(new HttpHeader("Set-Cookie", Servlets.setCookie(cookie)));
        }
    }

    @Override
    public void setContentType(@Nullable String type) {
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
    public @Nullable String getContentType() {
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
    public void setCharacterEncoding(@Nullable String enc) {
        if (writer == null && !streaming) {
            charset = enc;
        }
    }

    @Override
    public String getCharacterEncoding() {
        return charset != null ? charset : super.getCharacterEncoding();
    }

    @Override
    public void setContentLength(int len) {}

    @Override
    public void setContentLengthLong(long len) {}

    @Override
    public void setLocale(Locale loc) {
        if (!streaming) {
            this.locale = loc;
        }
    }

    @Override
    public Locale getLocale() {
        return locale != null ? locale : super.getLocale();
    }

    // --- body

    @Override
    public ServletOutputStream getOutputStream() {
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
    public PrintWriter getWriter() throws UnsupportedEncodingException {
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
        PrintWriter w = new PrintWriter(new OutputStreamWriter(o, cs), false);
        writer = w;
        return w;
    }

    @Override
    public void flushBuffer() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (streaming) {
            real.flushBuffer();
        }
    }

    @Override
    public boolean isCommitted() {
        return streaming;
    }

    @Override
    public void reset() {
        if (streaming) {
            throw new IllegalStateException("the response is committed");
        }
        headers.clear();
        status = 200;
        contentType = null;
        buffer.reset();
    }

    @Override
    public void resetBuffer() {
        if (streaming) {
            throw new IllegalStateException("the response is committed");
        }
        buffer.reset();
    }

    @Override
    public void setBufferSize(int size) {
        this.bufferSize = size;
    }

    @Override
    public int getBufferSize() {
        return bufferSize;
    }

    @Override
    public void setTrailerFields(java.util.function.Supplier<Map<String, String>> supplier) {}

    /** The captured output stream. */
    private final class Capture extends ServletOutputStream {
        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            throw new IllegalStateException("non-blocking output is not supported by the response cache capture");
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
            if (streaming) {
                realOut().flush();
            }
        }
    }
}
