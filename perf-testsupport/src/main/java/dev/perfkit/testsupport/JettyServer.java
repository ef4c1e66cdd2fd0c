package dev.perfkit.testsupport;

import jakarta.servlet.http.HttpServlet;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An embedded Jetty 12 on a free loopback port, with a real HTTP client pointed at it.
 *
 * <pre>{@code
 * try (JettyServer server = JettyServer.servlet(new AssetServlet(manifest))) {
 *   HttpResponse<byte[]> r = server.client().send(
 *       HttpRequest.newBuilder(server.uri("/app.js")).build(), BodyHandlers.ofByteArray());
 * }
 * }</pre>
 */
public final class JettyServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final HttpClient client;

    private JettyServer(Handler handler) {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Jetty did not start", e);
        }
        client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Starts Jetty with a core {@link Handler}. */
    public static JettyServer start(Handler handler) {
        return new JettyServer(handler);
    }

    /** Starts Jetty with one servlet mapped to {@code /*}. */
    public static JettyServer servlet(HttpServlet servlet) {
        return servlets(context -> context.addServlet(new ServletHolder(servlet), "/*"));
    }

    /** Starts Jetty with a servlet context at {@code /} that {@code setup} fills (servlets, filters). */
    public static JettyServer servlets(Consumer<ServletContextHandler> setup) {
        ServletContextHandler context = new ServletContextHandler("/");
        setup.accept(context);
        return new JettyServer(context);
    }

    /** The port Jetty listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** An absolute URI on this server, for example {@code uri("/app.js")}. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /** A real HTTP/1.1 client that does not follow redirects. */
    public HttpClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Jetty did not stop", e);
        }
    }
}
