package dev.perfkit.assets.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.assets.AssetEntry;
import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.Coding;
import dev.perfkit.assets.TestAssets;
import dev.perfkit.assets.Variant;
import dev.perfkit.testsupport.JettyServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every serving rule through embedded Jetty and a real HTTP client, one test per rule. */
class AssetServerIT {
    @TempDir
    static Path dir;

    static AssetManifest manifest;
    static JettyServer server;
    static AssetEntry js;
    static byte[] original;

    @BeforeAll
    static void start() throws IOException {
        manifest = TestAssets.processedSample(dir);
        server = JettyServer.servlet(AssetServlet.of(manifest));
        js = manifest.entry("app.js").orElseThrow();
        original = Files.readAllBytes(dir.resolve("out").resolve(js.file()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        return send("GET", path, headers);
    }

    static HttpResponse<byte[]> send(String method, String path, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(server.uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return server.client().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse("<absent>");
    }

    static String fileOf(String token) {
        return token.equals("identity")
                ? js.file()
                : js.variants().get(Coding.fromToken(token).orElseThrow()).file();
    }

    @Test
    void everyCodingIsServedAndDecodesToTheOriginalBytes() throws Exception {
        for (String token : new String[] {"br", "zstd", "gzip", "identity"}) {
            HttpResponse<byte[]> r = get("/" + js.file(), "Accept-Encoding", token);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(header(r, "Content-Encoding")).isEqualTo(token.equals("identity") ? "<absent>" : token);
            assertThat(TestAssets.decode(token, r.body())).as(token).isEqualTo(original);
        }
    }

    @Test
    void chromesAcceptEncodingGetsBrotli() throws Exception {
        assertThat(header(get("/" + js.file(), "Accept-Encoding", "gzip, deflate, br, zstd"), "Content-Encoding"))
                .isEqualTo("br");
    }

    @Test
    void qValuesOutrankServerPreference() throws Exception {
        assertThat(header(
                        get("/" + js.file(), "Accept-Encoding", "br;q=0.2, zstd;q=0.5, gzip;q=0.9"),
                        "Content-Encoding"))
                .isEqualTo("gzip");
    }

    @Test
    void qZeroRefusesEveryListedCoding() throws Exception {
        HttpResponse<byte[]> r = get("/" + js.file(), "Accept-Encoding", "br;q=0, zstd;q=0, gzip;q=0");
        assertThat(header(r, "Content-Encoding")).isEqualTo("<absent>");
        assertThat(r.body()).isEqualTo(original);
    }

    @Test
    void identityRefusedWithNothingElseAcceptableIs406WithVary() throws Exception {
        for (String ae : new String[] {"deflate, identity;q=0", "*;q=0"}) {
            HttpResponse<byte[]> r = get("/" + js.file(), "Accept-Encoding", ae);
            assertThat(r.statusCode()).as(ae).isEqualTo(406);
            assertThat(header(r, "Vary")).isEqualTo("Accept-Encoding");
        }
        assertThat(header(get("/" + js.file(), "Accept-Encoding", "*;q=0, gzip"), "Content-Encoding"))
                .isEqualTo("gzip");
    }

    @Test
    void identityRefusedOnAUrlWithoutVariantsIs406() throws Exception {
        String png = manifest.entry("img/logo.png").orElseThrow().file();
        assertThat(get("/" + png, "Accept-Encoding", "identity;q=0").statusCode())
                .isEqualTo(406);
    }

    @Test
    void varyIsOnEveryResponseOfAUrlWithVariants() throws Exception {
        String url = "/" + js.file();
        String brTag = js.variants().get(Coding.BROTLI).etag();
        HttpResponse<?>[] all = {
            get(url),
            get(url, "Accept-Encoding", "br"),
            send("HEAD", url),
            send("HEAD", url, "Accept-Encoding", "gzip"),
            get(url, "Accept-Encoding", "br", "If-None-Match", brTag),
            get(url, "Range", "bytes=0-9"),
            get(url, "Range", "bytes=999999-"),
            get("/app.js")
        };
        for (HttpResponse<?> r : all) {
            assertThat(header(r, "Vary"))
                    .as(r.request().method() + " " + r.request().headers() + " -> " + r.statusCode())
                    .isEqualTo("Accept-Encoding");
        }
        assertThat(Arrays.stream(all).map(HttpResponse::statusCode)).contains(200, 304, 206, 416);
    }

    @Test
    void aUrlWithoutVariantsHasNoVary() throws Exception {
        assertThat(header(get("/" + manifest.entry("img/logo.png").orElseThrow().file()), "Vary"))
                .isEqualTo("<absent>");
    }

    @Test
    void eachCodingHasItsOwnStrongEtag() throws Exception {
        Set<String> tags = new HashSet<>();
        for (String token : new String[] {"br", "zstd", "gzip", "identity"}) {
            String tag = header(get("/" + js.file(), "Accept-Encoding", token), "ETag");
            assertThat(tag).startsWith("\"").endsWith("\"");
            tags.add(tag);
        }
        assertThat(tags).hasSize(4);
    }

    @Test
    void ifNoneMatchGives304WithTheSameEtagCacheControlAndVary() throws Exception {
        HttpResponse<byte[]> first = get("/" + js.file(), "Accept-Encoding", "br");
        HttpResponse<byte[]> r = get("/" + js.file(), "Accept-Encoding", "br", "If-None-Match", header(first, "ETag"));
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(header(r, "ETag")).isEqualTo(header(first, "ETag"));
        assertThat(header(r, "Cache-Control")).isEqualTo(header(first, "Cache-Control"));
        assertThat(header(r, "Vary")).isEqualTo("Accept-Encoding");
    }

    @Test
    void anotherCodingsEtagDoesNotMatch() throws Exception {
        String gzipTag = js.variants().get(Coding.GZIP).etag();
        HttpResponse<byte[]> r = get("/" + js.file(), "Accept-Encoding", "br", "If-None-Match", gzipTag);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestAssets.decode("br", r.body())).isEqualTo(original);
    }

    @Test
    void rangeAddressesTheChosenRepresentationsBytes() throws Exception {
        Variant br = js.variants().get(Coding.BROTLI);
        byte[] brBytes = Files.readAllBytes(dir.resolve("out").resolve(br.file()));
        HttpResponse<byte[]> r = get("/" + js.file(), "Accept-Encoding", "br", "Range", "bytes=10-99");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(header(r, "Content-Encoding")).isEqualTo("br");
        assertThat(header(r, "Content-Range")).isEqualTo("bytes 10-99/" + brBytes.length);
        assertThat(header(r, "Content-Length")).isEqualTo("90");
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(brBytes, 10, 100));
    }

    @Test
    void suffixRangeOfIdentity() throws Exception {
        HttpResponse<byte[]> r = get("/" + js.file(), "Range", "bytes=-20");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(original, original.length - 20, original.length));
    }

    @Test
    void ifRangeWithTheCurrentStrongEtagHonoursTheRange() throws Exception {
        String tag = js.variants().get(Coding.GZIP).etag();
        HttpResponse<byte[]> r = get("/" + js.file(), "Accept-Encoding", "gzip", "Range", "bytes=0-4", "If-Range", tag);
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).hasSize(5);
    }

    @Test
    void ifRangeWithAnotherEtagOrADateSendsTheWholeRepresentation() throws Exception {
        String brTag = js.variants().get(Coding.BROTLI).etag();
        for (String ifRange :
                new String[] {brTag, "W/" + js.variants().get(Coding.GZIP).etag(), "Tue, 15 Nov 1994 08:12:31 GMT"}) {
            HttpResponse<byte[]> r =
                    get("/" + js.file(), "Accept-Encoding", "gzip", "Range", "bytes=0-4", "If-Range", ifRange);
            assertThat(r.statusCode()).as(ifRange).isEqualTo(200);
            assertThat(TestAssets.decode("gzip", r.body())).isEqualTo(original);
        }
    }

    @Test
    void unsatisfiableRangeIs416WithTheLength() throws Exception {
        HttpResponse<byte[]> r = get("/" + js.file(), "Range", "bytes=" + original.length + "-");
        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(header(r, "Content-Range")).isEqualTo("bytes */" + original.length);
    }

    @Test
    void malformedOrMultipleRangesGetTheFull200() throws Exception {
        for (String range :
                new String[] {"bytes=abc", "bytes=9-2", "pages=1-2", "bytes=0-1,5-6", "bytes=" + "9".repeat(40)}) {
            HttpResponse<byte[]> r = get("/" + js.file(), "Range", range);
            assertThat(r.statusCode()).as(range).isEqualTo(200);
            assertThat(r.body()).isEqualTo(original);
        }
    }

    @Test
    void malformedAcceptEncodingFallsBackToA200() throws Exception {
        for (String ae : new String[] {";;;", "br;q=", "br;q=2", "gzip;q=0.5;;q", "\u00e9t\u00e9", ",,,", "*;q=abc"}) {
            HttpResponse<byte[]> r = get("/" + js.file(), "Accept-Encoding", ae);
            assertThat(r.statusCode()).as(ae).isEqualTo(200);
            String coding = r.headers().firstValue("Content-Encoding").orElse("identity");
            assertThat(TestAssets.decode(coding, r.body())).isEqualTo(original);
        }
    }

    @Test
    void fingerprintedUrlsAreImmutableForAYear() throws Exception {
        assertThat(header(get("/" + js.file()), "Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        String hashed =
                "/" + manifest.entry("assets/index-BxA3f_9K.js").orElseThrow().file();
        assertThat(header(get(hashed), "Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    }

    @Test
    void logicalUrlsRevalidateWithAValidator() throws Exception {
        HttpResponse<byte[]> r = get("/app.js");
        assertThat(header(r, "Cache-Control")).isEqualTo("no-cache");
        assertThat(header(r, "ETag")).isEqualTo(js.etag());
        assertThat(get("/app.js", "If-None-Match", js.etag()).statusCode()).isEqualTo(304);
    }

    @Test
    void contentTypeCarriesCharsetForTextOnlyAndContentLengthMatches() throws Exception {
        HttpResponse<byte[]> css =
                get("/" + manifest.entry("css/app.css").orElseThrow().file());
        assertThat(header(css, "Content-Type")).isEqualTo("text/css; charset=utf-8");
        assertThat(header(css, "Content-Length")).isEqualTo(String.valueOf(css.body().length));
        HttpResponse<byte[]> png =
                get("/" + manifest.entry("img/logo.png").orElseThrow().file());
        assertThat(header(png, "Content-Type")).isEqualTo("image/png");
        assertThat(header(get("/" + js.file()), "Content-Type")).isEqualTo("text/javascript; charset=utf-8");
    }

    @Test
    void headSendsTheGetHeadersWithoutABody() throws Exception {
        HttpResponse<byte[]> g = get("/" + js.file(), "Accept-Encoding", "zstd");
        HttpResponse<byte[]> h = send("HEAD", "/" + js.file(), "Accept-Encoding", "zstd");
        assertThat(h.statusCode()).isEqualTo(200);
        assertThat(h.body()).isEmpty();
        for (String name :
                new String[] {"ETag", "Content-Length", "Content-Encoding", "Content-Type", "Cache-Control"}) {
            assertThat(header(h, name)).as(name).isEqualTo(header(g, name));
        }
    }

    @Test
    void pathsNotInTheManifestAre404IncludingVariantFiles() throws Exception {
        assertThat(get("/nope.js").statusCode()).isEqualTo(404);
        assertThat(get("/" + js.variants().get(Coding.BROTLI).file()).statusCode())
                .isEqualTo(404);
        assertThat(get("/" + AssetManifest.FILE_NAME).statusCode()).isEqualTo(404);
    }

    @Test
    void otherMethodsAre405() throws Exception {
        assertThat(send("POST", "/" + js.file()).statusCode()).isEqualTo(405);
    }

    @Test
    void servesUnderAPathPrefix() throws Exception {
        try (JettyServer prefixed = JettyServer.servlets(
                ctx -> ctx.addServlet(new ServletHolder(AssetServlet.of(manifest)), "/assets/*"))) {
            HttpResponse<byte[]> r = prefixed.client()
                    .send(
                            HttpRequest.newBuilder(prefixed.uri("/assets/" + js.file()))
                                    .header("Accept-Encoding", "gzip")
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(TestAssets.decode("gzip", r.body())).isEqualTo(original);
        }
    }
}
