package dev.perfkit.assets.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.TestAssets;
import dev.perfkit.testsupport.JettyServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path traversal in every form, written byte for byte on a plain socket (no client normalizes the path): the answer
 * is 400 or 404 and never the secret next to the served folder. Jetty itself may refuse some with 400 first.
 */
class PathTraversalIT {
    static final String SECRET = "TOP-SECRET-CONTENT";

    @TempDir
    static Path dir;

    static JettyServer server;
    static AssetManifest manifest;

    @BeforeAll
    static void start() throws IOException {
        manifest = TestAssets.processedSample(dir);
        Files.writeString(dir.resolve("secret.txt"), SECRET);
        Files.writeString(dir.resolve("out/inside-secret.txt"), SECRET); // in the folder, not in the manifest
        Files.createSymbolicLink(dir.resolve("out/link.txt"), dir.resolve("secret.txt"));
        server = JettyServer.servlet(AssetServlet.of(manifest));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String raw(String target) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    static void assertRefused(String target) throws IOException {
        String response = raw(target);
        assertThat(response)
                .as(target)
                .matches("(?s)HTTP/1\\.1 (400|404) .*")
                .doesNotContain(SECRET)
                .doesNotContain("root:x:0:0");
    }

    @Test
    void dotDotSegments() throws IOException {
        assertRefused("/../secret.txt");
        assertRefused("/css/../../secret.txt");
        assertRefused("/../../../../etc/passwd");
    }

    @Test
    void percentEncodedDots() throws IOException {
        assertRefused("/%2e%2e/secret.txt");
        assertRefused("/%2E%2E/%2E%2E/etc/passwd");
        assertRefused("/.%2e/secret.txt");
        assertRefused("/%c0%ae%c0%ae/secret.txt");
    }

    @Test
    void encodedSlashesAndBackslashes() throws IOException {
        assertRefused("/..%2fsecret.txt");
        assertRefused("/..%2Fsecret.txt");
        assertRefused("/..%5csecret.txt");
        assertRefused("/%2e%2e%5csecret.txt");
        assertRefused("/..\\secret.txt");
    }

    @Test
    void nulBytes() throws IOException {
        assertRefused("/secret.txt%00.js");
        assertRefused("/" + manifest.entry("app.js").orElseThrow().file() + "%00");
    }

    @Test
    void absolutePaths() throws IOException {
        assertRefused("//etc/passwd");
        assertRefused("/" + dir.resolve("secret.txt").toAbsolutePath());
        assertRefused("/%2Fetc%2Fpasswd");
        assertRefused("/C:%5cWindows%5cwin.ini");
    }

    @Test
    void filesAndSymlinksInTheFolderButNotInTheManifest() throws IOException {
        assertRefused("/inside-secret.txt");
        assertRefused("/link.txt");
    }

    @Test
    void aListedFileIsStillServedOnTheSameSocketPath() throws IOException {
        assertThat(raw("/" + manifest.entry("robots.txt").orElseThrow().file()))
                .startsWith("HTTP/1.1 200 ")
                .contains("User-agent");
    }
}
