package dev.perfkit.cache.http;

import dev.perfkit.cache.http.servlet.ResponseCacheFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real embedded Jetty 12 (ee10) with the response cache filter in front of one servlet whose behaviour each test
 * sets per path, and a real HTTP client. Counts how often the handler ran per path.
 */
final class TestApp implements AutoCloseable {
    /** What the application does for one request. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response) throws Exception;
    }

    private final Server server;
    private final ServerConnector connector;
    private final HttpClient client;
    final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> renders = new ConcurrentHashMap<>();

    TestApp(HttpResponseCache cache) {
        this(cache, "/");
    }

    TestApp(HttpResponseCache cache, String contextPath) {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(contextPath);
        // stands in for the container's authentication in front of the cache: X-Test-User becomes the principal
        context.addFilter(
                new FilterHolder((jakarta.servlet.Filter) (request, response, chain) -> {
                    HttpServletRequest req = (HttpServletRequest) request;
                    String user = req.getHeader("X-Test-User");
                    chain.doFilter(
                            user == null
                                    ? request
                                    : new jakarta.servlet.http.HttpServletRequestWrapper(req) {
                                        @Override
                                        public java.security.Principal getUserPrincipal() {
                                            return () -> user;
                                        }
                                    },
                            response);
                }),
                "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new ResponseCacheFilter(cache)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(
                new ServletHolder(new HttpServlet() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                        String path = req.getRequestURI()
                                .substring(req.getContextPath().length());
                        renders.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                        Handler h = handlers.get(path);
                        if (h == null) {
                            h = handlers.get("*");
                        }
                        if (h == null) {
                            res.sendError(404);
                            return;
                        }
                        try {
                            h.handle(req, res);
                        } catch (IOException | RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new IOException(e);
                        }
                    }
                }),
                "/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not start", e);
        }
        client = newClient();
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    int port() {
        return connector.getLocalPort();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    int renders(String path) {
        AtomicInteger n = renders.get(path);
        return n == null ? 0 : n.get();
    }

    /** Sets a handler answering {@code body} as JSON with whatever {@code headers} adds. */
    void json(String path, String body, String... headerPairs) {
        handlers.put(path, (req, res) -> {
            res.setContentType("application/json");
            for (int i = 0; i < headerPairs.length; i += 2) {
                res.addHeader(headerPairs[i], headerPairs[i + 1]);
            }
            res.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        });
    }

    HttpResponse<String> get(String pathAndQuery, String... headerPairs) throws Exception {
        return send("GET", pathAndQuery, headerPairs);
    }

    HttpResponse<String> send(String method, String pathAndQuery, String... headerPairs) throws Exception {
        return send(client, method, pathAndQuery, headerPairs);
    }

    HttpResponse<String> send(HttpClient c, String method, String pathAndQuery, String... headerPairs)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headerPairs.length; i += 2) {
            b.header(headerPairs[i], headerPairs[i + 1]);
        }
        return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String pathAndQuery, String... headerPairs) throws Exception {
        return sendBytes("GET", pathAndQuery, headerPairs);
    }

    /** Sends a request and returns the body as it came over the wire (the JDK client decodes no content coding). */
    HttpResponse<byte[]> sendBytes(String method, String pathAndQuery, String... headerPairs) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headerPairs.length; i += 2) {
            b.header(headerPairs[i], headerPairs[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
