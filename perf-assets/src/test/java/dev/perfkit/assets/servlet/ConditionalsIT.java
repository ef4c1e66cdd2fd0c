package dev.perfkit.assets.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.assets.AssetEntry;
import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.Coding;
import dev.perfkit.assets.TestAssets;
import dev.perfkit.testsupport.JettyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 9110 conditionals and methods through Jetty, over raw sockets so every header line is seen as sent. */
class ConditionalsIT {
    @TempDir
    static Path dir;

    static AssetManifest manifest;
    static JettyServer server;
    static AssetEntry js;
    static String url;

    @BeforeAll
    static void start() throws IOException {
        manifest = TestAssets.processedSample(dir);
        server = JettyServer.servlet(AssetServlet.of(manifest));
        js = manifest.entry("app.js").orElseThrow();
        url = "/" + js.file();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String send(String method, String target, String... headers) throws IOException {
        return RawHttp.exchange(server.port(), method, target, headers);
    }

    @Test
    void aNotModifiedCarriesNoContentLength() throws IOException {
        for (String[] request : new String[][] {
            {"GET", url, "If-None-Match: " + js.etag()},
            {"HEAD", url, "If-None-Match: " + js.etag()},
            {"GET", "/app.js", "If-None-Match: *"},
            {
                "GET",
                url,
                "Accept-Encoding: br",
                "If-None-Match: " + js.variants().get(Coding.BROTLI).etag()
            }
        }) {
            String r = send(request[0], request[1], Arrays.copyOfRange(request, 2, request.length));
            assertThat(RawHttp.status(r)).as(r).isEqualTo(304);
            assertThat(RawHttp.headers(r, "Content-Length")).as(r).isEmpty();
            assertThat(RawHttp.headers(r, "Transfer-Encoding")).as(r).isEmpty();
            assertThat(RawHttp.headers(r, "ETag")).as(r).hasSize(1);
            assertThat(RawHttp.body(r)).isEmpty();
        }
    }

    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    static Instant built() throws IOException {
        long millis = Files.getLastModifiedTime(manifest.directory().resolve(AssetManifest.FILE_NAME))
                .toMillis();
        return Instant.ofEpochSecond(millis / 1000);
    }

    @Test
    void ifMatchIsEvaluatedWithTheStrongComparison() throws IOException {
        assertThat(RawHttp.status(send("GET", url, "If-Match: \"other\""))).isEqualTo(412);
        assertThat(RawHttp.status(send("GET", url, "If-Match: W/" + js.etag()))).isEqualTo(412);
        assertThat(RawHttp.status(send("HEAD", url, "If-Match: \"other\""))).isEqualTo(412);
        assertThat(RawHttp.status(send("GET", url, "If-Match: " + js.etag()))).isEqualTo(200);
        assertThat(RawHttp.status(send("GET", url, "If-Match: *"))).isEqualTo(200);
        assertThat(RawHttp.status(send("GET", url, "If-Match: \"other\"", "If-Match: " + js.etag())))
                .isEqualTo(200);
        // Another coding's tag does not match the representation chosen for this request.
        assertThat(RawHttp.status(send("GET", url, "Accept-Encoding: br", "If-Match: " + js.etag())))
                .isEqualTo(412);
    }

    @Test
    void ifUnmodifiedSinceBeforeTheBuildIs412() throws IOException {
        String before = HTTP_DATE.format(built().minusSeconds(60));
        String after = HTTP_DATE.format(built().plusSeconds(60));
        assertThat(RawHttp.status(send("GET", url, "If-Unmodified-Since: " + before)))
                .isEqualTo(412);
        assertThat(RawHttp.status(send("GET", url, "If-Unmodified-Since: " + after)))
                .isEqualTo(200);
        // If-Match, when present, decides alone.
        assertThat(RawHttp.status(send("GET", url, "If-Match: " + js.etag(), "If-Unmodified-Since: " + before)))
                .isEqualTo(200);
    }

    @Test
    void everyIfNoneMatchLineCounts() throws IOException {
        String r = send("GET", url, "If-None-Match: \"a\", \"b\"", "If-None-Match: " + js.etag());
        assertThat(RawHttp.status(r)).isEqualTo(304);
    }

    @Test
    void everyAcceptEncodingLineCounts() throws IOException {
        String r = send("GET", url, "Accept-Encoding: identity;q=0.5", "Accept-Encoding: br");
        assertThat(RawHttp.headers(r, "Content-Encoding")).containsExactly("br");
    }

    @Test
    void lastModifiedIsTheBuildTimeAndIfModifiedSinceIsHonoured() throws IOException {
        String built = HTTP_DATE.format(built());
        String r = send("GET", url);
        assertThat(RawHttp.headers(r, "Last-Modified")).containsExactly(built);
        String notModified = send("GET", url, "If-Modified-Since: " + built);
        assertThat(RawHttp.status(notModified)).isEqualTo(304);
        assertThat(RawHttp.headers(notModified, "Content-Length")).isEmpty();
        assertThat(RawHttp.status(send("GET", url, "If-Modified-Since: " + HTTP_DATE.format(built().minusSeconds(1)))))
                .isEqualTo(200);
        assertThat(RawHttp.status(send("GET", url, "If-Modified-Since: yesterday")))
                .isEqualTo(200);
        // If-None-Match, when present, decides alone.
        assertThat(RawHttp.status(send("GET", url, "If-None-Match: \"other\"", "If-Modified-Since: " + built)))
                .isEqualTo(200);
    }

    @Test
    void traceIsRefusedWithoutEchoingTheRequest() throws IOException {
        String r = send("TRACE", url, "Cookie: session=SECRET-SESSION-42");
        assertThat(RawHttp.status(r)).isEqualTo(405);
        assertThat(RawHttp.headers(r, "Allow")).containsExactly("GET, HEAD, OPTIONS");
        assertThat(r).doesNotContain("SECRET-SESSION-42").doesNotContain("message/http");
    }

    @Test
    void optionsAdvertisesGetHeadAndOptionsOnly() throws IOException {
        String r = send("OPTIONS", url);
        assertThat(RawHttp.status(r)).isEqualTo(200);
        assertThat(RawHttp.headers(r, "Allow")).containsExactly("GET, HEAD, OPTIONS");
        assertThat(RawHttp.headers(r, "Content-Length")).containsExactly("0");
    }

    @Test
    void everyOtherMethodIs405WithAllow() throws IOException {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "PROPFIND"}) {
            String r = send(method, url, "Content-Length: 0");
            assertThat(RawHttp.status(r)).as(method).isEqualTo(405);
            assertThat(RawHttp.headers(r, "Allow")).as(method).containsExactly("GET, HEAD, OPTIONS");
        }
    }

    @Test
    void theFolderItselfIs404() throws IOException {
        assertThat(RawHttp.status(send("GET", "/"))).isEqualTo(404);
        try (JettyServer prefixed = JettyServer.servlets(
                ctx -> ctx.addServlet(new ServletHolder(AssetServlet.of(manifest)), "/assets/*"))) {
            for (String target : new String[] {"/assets/", "/assets"}) {
                assertThat(RawHttp.status(RawHttp.exchange(prefixed.port(), "GET", target)))
                        .as(target)
                        .isEqualTo(404);
            }
            assertThat(RawHttp.status(RawHttp.exchange(prefixed.port(), "GET", "/assets" + url)))
                    .isEqualTo(200);
        }
    }
}
