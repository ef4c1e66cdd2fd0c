package dev.perfkit.assets.servlet;

import dev.perfkit.assets.AssetManifest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Serves a processed asset folder from its manifest alone: no filesystem access per request. Negotiates
 * Accept-Encoding, sends a distinct strong ETag per coding, Last-Modified (the build time) and {@code Vary:
 * Accept-Encoding} on every answer of a URL that has variants, evaluates If-Match, If-Unmodified-Since, If-None-Match
 * and If-Modified-Since in RFC 9110's order (412, 304 without Content-Length), and answers a single Range (with
 * If-Range) with 206 or 416; several ranges in one request get the whole representation (200). GET, HEAD and OPTIONS
 * are allowed; every other method, TRACE included, is a 405 with {@code Allow}.
 *
 * <pre>{@code
 * AssetServlet servlet = AssetServlet.of(AssetManifest.load(Path.of("target/assets")));
 * context.addServlet(new ServletHolder(servlet), "/assets/*");
 * }</pre>
 */
public final class AssetServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String ALLOW = "GET, HEAD, OPTIONS";

    private final transient AssetIndex index;

    private AssetServlet(AssetIndex index) {
        this.index = index;
    }

    /**
     * A servlet for a loaded manifest; every listed file is read (or mapped) now.
     *
     * @throws dev.perfkit.assets.ManifestException if a listed file cannot be loaded or has changed size
     */
    public static AssetServlet of(AssetManifest manifest) {
        return new AssetServlet(AssetIndex.load(Objects.requireNonNull(manifest, "manifest")));
    }

    /**
     * A servlet for a processed folder: loads and verifies its manifest, then its files.
     *
     * @throws dev.perfkit.assets.ManifestException naming the manifest and the problem
     */
    public static AssetServlet forDirectory(Path directory) {
        return of(AssetManifest.load(directory));
    }

    /** GET, HEAD and OPTIONS; anything else (TRACE, which would echo request headers, included) is a 405. */
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        switch (req.getMethod()) {
            case "GET" -> serve(req, resp, true);
            case "HEAD" -> serve(req, resp, false);
            case "OPTIONS" -> {
                resp.setHeader("Allow", ALLOW);
                resp.setContentLength(0);
            }
            default -> {
                resp.setHeader("Allow", ALLOW);
                plain(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method not allowed");
            }
        }
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp, boolean body) throws IOException {
        String raw = req.getRequestURI();
        String prefix = req.getContextPath() + req.getServletPath();
        if (!raw.startsWith(prefix) || raw.length() <= prefix.length() + 1) { // outside, or the folder itself
            plain(resp, HttpServletResponse.SC_NOT_FOUND, "not found");
            return;
        }
        String key = RequestPath.key(raw.substring(prefix.length()));
        if (key == null) {
            plain(resp, HttpServletResponse.SC_BAD_REQUEST, "bad asset path");
            return;
        }
        ServedAsset asset = index.find(key);
        if (asset == null) {
            plain(resp, HttpServletResponse.SC_NOT_FOUND, "not found");
            return;
        }
        if (asset.varies()) {
            resp.setHeader("Vary", "Accept-Encoding");
        }
        Representation rep =
                AcceptEncoding.choose(RequestHeaders.combined(req, "Accept-Encoding"), asset.representations());
        if (rep == null) {
            plain(resp, HttpServletResponse.SC_NOT_ACCEPTABLE, "no acceptable content coding");
            return;
        }
        switch (Conditionals.evaluate(req, rep.etag(), asset.lastModified())) {
            case PRECONDITION_FAILED -> {
                plain(resp, HttpServletResponse.SC_PRECONDITION_FAILED, "precondition failed");
                return;
            }
            case NOT_MODIFIED -> {
                resp.setHeader("ETag", rep.etag());
                resp.setHeader("Cache-Control", asset.cacheControl());
                NotModified.send(resp);
                return;
            }
            case PROCEED -> {}
        }
        resp.setHeader("ETag", rep.etag());
        resp.setHeader("Cache-Control", asset.cacheControl());
        resp.setDateHeader("Last-Modified", asset.lastModified());
        resp.setContentType(asset.contentType());
        resp.setHeader("Accept-Ranges", "bytes");
        if (!rep.identity()) {
            resp.setHeader("Content-Encoding", rep.token());
        }
        long length = rep.length();
        ByteRange range = ByteRange.IGNORE;
        String rangeHeader = req.getHeader("Range");
        if (body && rangeHeader != null && Conditionals.ifRange(req.getHeader("If-Range"), rep.etag())) {
            range = ByteRange.parse(rangeHeader, length);
        }
        if (range.equals(ByteRange.UNSATISFIABLE)) {
            resp.setHeader("Content-Range", "bytes */" + length);
            resp.setContentType(null);
            resp.setHeader("Content-Encoding", null);
            plain(resp, HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE, "range not satisfiable");
            return;
        }
        ByteRange sent = range.equals(ByteRange.IGNORE) ? new ByteRange(0, length - 1) : range;
        if (!range.equals(ByteRange.IGNORE)) {
            resp.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            resp.setHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + length);
        }
        resp.setContentLengthLong(sent.length());
        if (body && sent.length() > 0) {
            BodyWriter.write(resp.getOutputStream(), rep.slice(sent.first(), sent.last()));
        }
    }

    private static void plain(HttpServletResponse resp, int status, String message) throws IOException {
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/plain; charset=utf-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
