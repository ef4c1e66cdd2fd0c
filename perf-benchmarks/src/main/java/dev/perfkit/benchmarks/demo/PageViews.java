package dev.perfkit.benchmarks.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a browser transfers for one storefront page view: the page, then every script, stylesheet and image it
 * references, then what the stylesheets reference (font, background). The first view starts with an empty cache;
 * the repeat view keeps what a browser's HTTP cache would: a response fresh by {@code max-age} (or immutable) is
 * not requested again, anything else is revalidated with its validators. Images marked {@code loading="lazy"}
 * count as below the fold: a browser fetches them only when the user scrolls there, so the views leave them out. Bytes are counted as transferred (bodies
 * as encoded, plus header bytes), with the Accept-Encoding a current browser sends.
 */
final class PageViews {
    private static final Pattern REFERENCE =
            Pattern.compile("<[^>]*(?:src|href)=\"(/(?:static|assets)/[^\"]+)\"[^>]*>");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]+)['\"]?\\s*\\)");

    private PageViews() {}

    /** The first and the repeat view of one page. */
    record Views(long firstBytes, int firstRequests, long repeatBytes, int repeatRequests) {}

    private record Cached(String etag, String lastModified, boolean fresh) {}

    static Views measure(URI base, String page) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Map<String, Cached> cache = new LinkedHashMap<>();
        long[] first = view(client, base, page, cache);
        long[] repeat = view(client, base, page, cache);
        return new Views(first[0], (int) first[1], repeat[0], (int) repeat[1]);
    }

    /** Returns {bytes, requests}. */
    private static long[] view(HttpClient client, URI base, String page, Map<String, Cached> cache)
            throws IOException, InterruptedException {
        long bytes = 0;
        int requests = 0;
        HttpResponse<byte[]> html = get(client, base.resolve(page), null);
        bytes += size(html);
        requests++;
        List<String> pending = new ArrayList<>();
        Matcher m = REFERENCE.matcher(new String(html.body(), StandardCharsets.UTF_8));
        while (m.find()) {
            if (!m.group().contains("loading=\"lazy\"")) { // below the fold: fetched only when scrolled to
                pending.add(m.group(1));
            }
        }
        List<String> seen = new ArrayList<>();
        while (!pending.isEmpty()) {
            String path = pending.remove(0);
            if (seen.contains(path)) {
                continue;
            }
            seen.add(path);
            Cached cached = cache.get(path);
            if (cached != null && cached.fresh()) {
                continue; // served from the browser's cache: no request at all
            }
            HttpResponse<byte[]> r = get(client, base.resolve(path), cached);
            bytes += size(r);
            requests++;
            if (r.statusCode() == 200) {
                cache.put(path, cached(r.headers()));
                if (path.endsWith(".css")) {
                    Matcher css = CSS_URL.matcher(new String(decodedCss(r), StandardCharsets.UTF_8));
                    while (css.find()) {
                        pending.add(URI.create(path).resolve(css.group(1)).toString());
                    }
                }
            } else if (r.statusCode() != 304) {
                throw new IOException("GET " + path + " answered " + r.statusCode());
            }
        }
        return new long[] {bytes, requests};
    }

    private static HttpResponse<byte[]> get(HttpClient client, URI uri, @Nullable Cached cached)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Accept-Encoding", "gzip, deflate, br, zstd");
        if (cached != null) {
            if (!cached.etag().isEmpty()) {
                request.header("If-None-Match", cached.etag());
            }
            if (!cached.lastModified().isEmpty()) {
                request.header("If-Modified-Since", cached.lastModified());
            }
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Cached cached(HttpHeaders headers) {
        String cacheControl = headers.firstValue("Cache-Control").orElse("").toLowerCase(Locale.ROOT);
        Matcher maxAge = Pattern.compile("max-age=(\\d+)").matcher(cacheControl);
        boolean fresh = !cacheControl.contains("no-cache")
                && !cacheControl.contains("no-store")
                && (cacheControl.contains("immutable") || (maxAge.find() && Long.parseLong(maxAge.group(1)) > 3600));
        return new Cached(
                headers.firstValue("ETag").orElse(""),
                headers.firstValue("Last-Modified").orElse(""),
                fresh);
    }

    /** The transferred size: the encoded body plus the status line and headers. */
    private static long size(HttpResponse<byte[]> r) {
        long headerBytes = 17;
        for (Map.Entry<String, List<String>> h : r.headers().map().entrySet()) {
            for (String v : h.getValue()) {
                headerBytes += h.getKey().length() + 2 + v.length() + 2;
            }
        }
        return headerBytes + 2 + r.body().length;
    }

    private static byte[] decodedCss(HttpResponse<byte[]> r) throws IOException {
        Optional<String> coding = r.headers().firstValue("Content-Encoding");
        if (coding.isEmpty() || coding.get().equals("identity")) {
            return r.body();
        }
        if (coding.get().equals("gzip")) {
            return new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body())).readAllBytes();
        }
        if (coding.get().equals("br")) {
            com.aayushatharva.brotli4j.Brotli4jLoader.ensureAvailability();
            try (var in = new com.aayushatharva.brotli4j.decoder.BrotliInputStream(
                    new java.io.ByteArrayInputStream(r.body()))) {
                return in.readAllBytes();
            }
        }
        if (coding.get().equals("zstd")) {
            return com.github.luben.zstd.Zstd.decompress(
                    r.body(), (int) com.github.luben.zstd.Zstd.getFrameContentSize(r.body()));
        }
        throw new IOException("unknown Content-Encoding " + coding.get());
    }
}
