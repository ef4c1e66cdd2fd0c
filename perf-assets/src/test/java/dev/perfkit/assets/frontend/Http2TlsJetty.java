package dev.perfkit.assets.frontend;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * An embedded Jetty 12 on a free loopback port speaking HTTP/2 over TLS (ALPN {@code h2}, HTTP/1.1 as fallback),
 * with a self-signed certificate for localhost and 127.0.0.1 that the JDK's keytool makes at start, in a folder the
 * caller owns (a JUnit temp dir): no key is ever committed. Chromium is told to trust it by its key
 * ({@link #spkiSha256()}).
 */
final class Http2TlsJetty implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final String spki;

    /** Starts the server (h2, HTTP/1.1 as ALPN fallback) with the servlet context {@code context}. */
    Http2TlsJetty(ServletContextHandler context, Path work) throws IOException, InterruptedException {
        this(context, work, true);
    }

    /**
     * Starts the server with the servlet context {@code context}; with {@code h2} false it speaks only HTTP/1.1 over
     * TLS (no ALPN), for a control.
     *
     * @throws IOException if keytool could not make the certificate
     */
    Http2TlsJetty(ServletContextHandler context, Path work, boolean h2) throws IOException, InterruptedException {
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        Path keystore = selfSignedKeystore(work, password);
        spki = spkiSha256(keystore, password);

        HttpConfiguration config = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // the browser connects to an IP address and sends no SNI
        config.addCustomizer(secure);
        HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(config);
        HttpConnectionFactory http11 = new HttpConnectionFactory(config);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http11.getProtocol());
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(password);
        ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);

        server = new Server();
        connector = h2
                ? new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, http2, http11)
                : new ServerConnector(server, new SslConnectionFactory(ssl, http11.getProtocol()), http11);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Jetty (h2 over TLS) did not start", e);
        }
    }

    /** An absolute https URI on this server, for example {@code uri("/page")}. */
    URI uri(String pathAndQuery) {
        return URI.create("https://127.0.0.1:" + connector.getLocalPort() + pathAndQuery);
    }

    /**
     * The base64 SHA-256 of the certificate's public key (its SubjectPublicKeyInfo), for Chromium's
     * {@code --ignore-certificate-errors-spki-list}: unlike {@code --ignore-certificate-errors}, which makes
     * Chromium keep nothing of that origin in its HTTP cache (so a preloaded response could never be reused), this
     * makes the certificate count as valid.
     */
    String spkiSha256() {
        return spki;
    }

    private static String spkiSha256(Path keystore, String password) throws IOException {
        try (var in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            Certificate cert = store.getCertificate("perfkit-test");
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(cert.getPublicKey().getEncoded());
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the test certificate in " + keystore, e);
        }
    }

    private static Path selfSignedKeystore(Path work, String password) throws IOException, InterruptedException {
        Path keystore = work.resolve("test-tls.p12");
        Files.deleteIfExists(keystore);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "perfkit-test",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                password,
                "-keypass",
                password);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(keystore)) {
            p.destroyForcibly();
            throw new IOException(keytool + " -genkeypair did not make " + keystore + ":\n" + out);
        }
        return keystore;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Jetty (h2 over TLS) did not stop", e);
        }
    }
}
