package dev.perfkit.cache.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stored bodies kept precompressed (gzip and Brotli) through a real embedded Jetty and a real HTTP client (the JDK
 * client, which decodes no content coding, so each test sees the bytes on the wire), one test per rule.
 */
class PrecompressionIT {
    private static final String JSON = "{\"items\":[" + "{\"name\":\"item\",\"price\":1},".repeat(200) + "{}]}";

    private final MutableClock clock = new MutableClock();
    private TestApp app;
    private HttpResponseCache cache;

    private TestApp start(HttpResponseCache.Builder builder) {
        cache = builder.route(CacheRoute.builder("/**")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .maxAge(Duration.ofSeconds(60))
                                .build())
                        .build())
                .clock(clock)
                .build();
        app = new TestApp(cache);
        return app;
    }

    private TestApp startBoth() {
        return start(HttpResponseCache.builder().precompress("br", "gzip"));
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private static String brotli(byte[] coded) throws Exception {
        DirectDecompress d = DirectDecompress.decompress(coded);
        assertThat(d.getResultStatus()).isEqualTo(DecoderJNI.Status.DONE);
        return new String(d.getDecompressedData(), StandardCharsets.UTF_8);
    }

    private static String gunzip(byte[] coded) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(coded))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static String encoding(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Encoding").orElse("identity");
    }

    @Test
    void brotliIsServedToClientsThatAcceptItAndGzip() throws Exception {
        startBoth();
        app.json("/p", JSON);
        app.get("/p");
        HttpResponse<byte[]> r = app.getBytes("/p", "Accept-Encoding", "gzip, deflate, br");
        assertThat(encoding(r)).isEqualTo("br");
        assertThat(brotli(r.body())).isEqualTo(JSON);
        assertThat(r.headers().firstValue("ETag").orElse("")).endsWith("--br\"");
        assertThat(app.renders("/p")).isEqualTo(1);
    }

    @Test
    void theCodingWithTheHighestQValueIsServed() throws Exception {
        startBoth();
        app.json("/p", JSON);
        HttpResponse<byte[]> gz = app.getBytes("/p", "Accept-Encoding", "br;q=0.5, gzip;q=0.8");
        assertThat(encoding(gz)).isEqualTo("gzip");
        assertThat(gunzip(gz.body())).isEqualTo(JSON);
        assertThat(gz.headers().firstValue("ETag").orElse("")).endsWith("--gzip\"");
        assertThat(encoding(app.getBytes("/p", "Accept-Encoding", "gzip;q=0.2, *;q=0.9")))
                .isEqualTo("br");
        assertThat(encoding(app.getBytes("/p", "Accept-Encoding", "x-gzip"))).isEqualTo("gzip");
        assertThat(encoding(app.getBytes("/p", "Accept-Encoding", "GZIP;q=1, BR;q=0.999")))
                .isEqualTo("gzip");
        HttpResponse<byte[]> preferred = app.getBytes("/p", "Accept-Encoding", "identity;q=1, br;q=0.5");
        assertThat(encoding(preferred)).isEqualTo("identity");
        assertThat(text(preferred)).isEqualTo(JSON);
        assertThat(app.renders("/p")).isEqualTo(1);
    }

    @Test
    void aClientAcceptingOnlyIdentityNeverGetsACompressedBody() throws Exception {
        startBoth();
        app.json("/p", JSON);
        app.getBytes("/p", "Accept-Encoding", "br, gzip"); // stored with both variants
        String[] identityOnly = {
            "identity",
            "identity;q=1, *;q=0",
            "deflate",
            "zstd, compress",
            "gzip;q=0, br;q=0",
            "*;q=0",
            "gzip;q=abc, br;q=2",
            "gzip;q=0.0001",
            "br;" + "x".repeat(5000),
            ""
        };
        for (String ae : identityOnly) {
            HttpResponse<byte[]> r = app.getBytes("/p", "Accept-Encoding", ae);
            assertThat(encoding(r)).as(ae).isEqualTo("identity");
            assertThat(text(r)).as(ae).isEqualTo(JSON);
            assertThat(r.headers().firstValue("ETag").orElse("")).as(ae).doesNotContain("--");
        }
        HttpResponse<byte[]> none = app.getBytes("/p");
        assertThat(encoding(none)).isEqualTo("identity");
        assertThat(text(none)).isEqualTo(JSON);
        assertThat(app.renders("/p")).isEqualTo(1);
    }

    @Test
    void everyVariantSaysVaryAcceptEncoding() throws Exception {
        startBoth();
        app.json("/p", JSON);
        HttpResponse<byte[]> miss = app.getBytes("/p", "Accept-Encoding", "br");
        assertThat(miss.headers().allValues("Vary")).anyMatch(v -> v.contains("Accept-Encoding"));
        for (String ae : new String[] {"br", "gzip", "identity"}) {
            HttpResponse<byte[]> r = app.getBytes("/p", "Accept-Encoding", ae);
            assertThat(encoding(r)).isEqualTo(ae);
            assertThat(r.headers().allValues("Vary")).as(ae).anyMatch(v -> v.contains("Accept-Encoding"));
        }
        assertThat(app.getBytes("/p").headers().allValues("Vary")).anyMatch(v -> v.contains("Accept-Encoding"));
    }

    @Test
    void contentLengthIsTheLengthOfTheCodedBodySent() throws Exception {
        startBoth();
        app.json("/p", JSON);
        app.get("/p");
        long identity = 0;
        for (String ae : new String[] {"br", "gzip", "identity"}) {
            HttpResponse<byte[]> r = app.getBytes("/p", "Accept-Encoding", ae);
            assertThat(r.headers().firstValueAsLong("Content-Length")).as(ae).hasValue(r.body().length);
            if (ae.equals("identity")) {
                identity = r.body().length;
            } else {
                assertThat(r.body().length).as(ae).isLessThan(JSON.length() / 5);
            }
        }
        assertThat(identity).isEqualTo(JSON.length());
    }

    @Test
    void headAnswersWithTheHeadersOfTheCodingAGetWouldGet() throws Exception {
        startBoth();
        app.json("/p", JSON);
        app.get("/p");
        for (String ae : new String[] {"br", "gzip", "identity"}) {
            HttpResponse<byte[]> get = app.getBytes("/p", "Accept-Encoding", ae);
            HttpResponse<byte[]> head = app.sendBytes("HEAD", "/p", "Accept-Encoding", ae);
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(encoding(head)).isEqualTo(ae);
            assertThat(head.headers().firstValueAsLong("Content-Length")).as(ae).hasValue(get.body().length);
            assertThat(head.headers().firstValue("ETag"))
                    .isEqualTo(get.headers().firstValue("ETag"));
        }
        assertThat(app.renders("/p")).isEqualTo(1);
    }

    @Test
    void notModifiedIsUnaffectedByTheStoredCodings() throws Exception {
        startBoth();
        app.json("/p", JSON);
        for (String ae : new String[] {"br", "gzip", "identity"}) {
            String etag = app.getBytes("/p", "Accept-Encoding", ae)
                    .headers()
                    .firstValue("ETag")
                    .orElseThrow();
            HttpResponse<byte[]> r = app.getBytes("/p", "Accept-Encoding", ae, "If-None-Match", etag);
            assertThat(r.statusCode()).as(ae).isEqualTo(304);
            assertThat(r.body()).isEmpty();
            assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(r.headers().firstValue("ETag")).hasValue(etag);
            assertThat(r.headers().allValues("Vary")).anyMatch(v -> v.contains("Accept-Encoding"));
        }
        assertThat(app.renders("/p")).isEqualTo(1);
    }

    @Test
    void aDeepNotModifiedEchoesTheCodedVariantTheClientHolds() throws Exception {
        cache = HttpResponseCache.builder()
                .precompress("br", "gzip")
                .route(CacheRoute.builder("/p")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .maxAge(Duration.ofSeconds(60))
                                .build())
                        .version(request -> ResourceVersion.of(7))
                        .build())
                .clock(clock)
                .build();
        app = new TestApp(cache);
        app.json("/p", JSON);
        String br = app.getBytes("/p", "Accept-Encoding", "br")
                .headers()
                .firstValue("ETag")
                .orElseThrow();
        assertThat(br).isEqualTo("\"v7--br\"");
        cache.invalidateAll(); // the deep path answers without a stored response too
        HttpResponse<byte[]> r = app.getBytes("/p", "Accept-Encoding", "br", "If-None-Match", br);
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.headers().firstValue("ETag")).hasValue(br);
        assertThat(app.renders("/p")).isEqualTo(1);
    }

    @Test
    void aRangeRequestIsNeverServedFromACompressedVariant() throws Exception {
        startBoth();
        app.json("/p", JSON);
        app.get("/p");
        HttpResponse<byte[]> r = app.getBytes("/p", "Accept-Encoding", "br, gzip", "Range", "bytes=0-9");
        assertThat(encoding(r)).isEqualTo("identity");
        assertThat(r.statusCode()).isEqualTo(200); // the range is ignored, as RFC 9110 14.2 allows
        assertThat(text(r)).isEqualTo(JSON);
        assertThat(app.renders("/p")).isEqualTo(1);
    }

    @Test
    void alreadyCompressedTypesAreNeverCompressed() throws Exception {
        startBoth();
        byte[] png = new byte[4096]; // all zeros: would compress to nothing, but it is an image
        for (String type : new String[] {"image/png", "image/jpeg", "application/zip", "application/octet-stream"}) {
            String path = "/" + type.replace('/', '-');
            app.handlers.put(path, (req, res) -> {
                res.setContentType(type);
                res.getOutputStream().write(png);
            });
            app.getBytes(path);
            HttpResponse<byte[]> r = app.getBytes(path, "Accept-Encoding", "br, gzip");
            assertThat(encoding(r)).as(type).isEqualTo("identity");
            assertThat(r.body()).as(type).isEqualTo(png);
            assertThat(r.headers().allValues("Vary")).as(type).noneMatch(v -> v.contains("Accept-Encoding"));
            assertThat(app.renders(path)).as(type).isEqualTo(1);
        }
    }

    @Test
    void tinyBodiesAreNeverCompressed() throws Exception {
        startBoth();
        String tiny = "{\"a\":\"" + "x".repeat(200) + "\"}";
        app.json("/p", tiny);
        app.get("/p");
        HttpResponse<byte[]> r = app.getBytes("/p", "Accept-Encoding", "br, gzip");
        assertThat(encoding(r)).isEqualTo("identity");
        assertThat(text(r)).isEqualTo(tiny);
        assertThat(r.headers().allValues("Vary")).noneMatch(v -> v.contains("Accept-Encoding"));
    }

    @Test
    void aBodyTheHandlerCodedItselfIsStoredAsItCameAndStaysKeyedOnAcceptEncoding() throws Exception {
        startBoth();
        app.handlers.put("/p", (req, res) -> {
            res.setContentType("application/json");
            res.setHeader("Vary", "Accept-Encoding");
            String ae = req.getHeader("Accept-Encoding");
            byte[] body = JSON.getBytes(StandardCharsets.UTF_8);
            if (ae != null && ae.contains("gzip")) {
                res.setHeader("Content-Encoding", "gzip");
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                    gz.write(body);
                }
                body = out.toByteArray();
            }
            res.getOutputStream().write(body);
        });
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> gz = app.getBytes("/p", "Accept-Encoding", "gzip");
            assertThat(encoding(gz)).isEqualTo("gzip");
            assertThat(gunzip(gz.body())).isEqualTo(JSON);
            HttpResponse<byte[]> plain = app.getBytes("/p");
            assertThat(encoding(plain)).isEqualTo("identity");
            assertThat(text(plain)).isEqualTo(JSON);
        }
    }

    @Test
    void precompressedOnlyDecodesTheBodyForIdentityClients() throws Exception {
        for (String coding : new String[] {"br", "gzip"}) {
            start(HttpResponseCache.builder().precompress(coding).precompressedOnly());
            app.json("/p", JSON);
            app.getBytes("/p", "Accept-Encoding", coding);
            HttpResponse<byte[]> plain = app.getBytes("/p", "Accept-Encoding", "identity");
            assertThat(encoding(plain)).isEqualTo("identity");
            assertThat(text(plain)).isEqualTo(JSON);
            assertThat(plain.headers().firstValueAsLong("Content-Length")).hasValue(JSON.length());
            HttpResponse<byte[]> coded = app.getBytes("/p", "Accept-Encoding", "gzip, br");
            assertThat(encoding(coded)).isEqualTo(coding);
            assertThat(app.renders("/p")).isEqualTo(1);
            stop();
        }
    }

    @Test
    void theByteBudgetWeighsTheVariantsStored() throws Exception {
        // 30 bodies of ~5 KB that code to a few hundred bytes, in a 64 KB budget: the identity bodies alone would
        // overflow it twice; their coded variants fit.
        int urls = 30;
        start(HttpResponseCache.builder()
                .precompress("gzip", "br")
                .precompressedOnly()
                .maximumBytes(64 << 10));
        app.handlers.put("*", (req, res) -> {
            res.setContentType("application/json");
            res.getWriter().write(JSON);
        });
        for (int i = 0; i < urls; i++) {
            app.get("/r" + i);
        }
        for (int i = 0; i < urls; i++) {
            app.get("/r" + i);
        }
        long codedOnly = cache.stats().hitCount();
        stop();
        start(HttpResponseCache.builder().precompress("gzip", "br").maximumBytes(64 << 10));
        app.handlers.put("*", (req, res) -> {
            res.setContentType("application/json");
            res.getWriter().write(JSON);
        });
        for (int i = 0; i < urls; i++) {
            app.get("/r" + i);
        }
        for (int i = 0; i < urls; i++) {
            app.get("/r" + i);
        }
        long withIdentity = cache.estimatedSize();
        assertThat(codedOnly).isEqualTo(urls);
        assertThat(withIdentity).isLessThan(urls / 2);
    }
}
