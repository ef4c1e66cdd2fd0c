package dev.perfkit.benchmarks.demo;

import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.AssetUrls;
import dev.perfkit.assets.frontend.LazyLoading;
import dev.perfkit.assets.servlet.AssetServlet;
import dev.perfkit.assets.servlet.LazyLoadingFilter;
import dev.perfkit.cache.http.HttpResponseCache;
import dev.perfkit.cache.http.servlet.ResponseCacheFilter;
import dev.perfkit.cache.http.servlet.ResponseTags;
import dev.perfkit.db.servlet.QueryScopeFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

/** One instance of the shop on Jetty, on loopback. */
final class ShopServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    private ShopServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Starts the shop.
     *
     * @param assetsDir the storefront's source files, served as they are (plain) unless {@code manifest} is given
     * @param manifest perf-assets' manifest of the processed files, or null for plain static files
     * @param requestTimer perf-metrics' SLO request timer, outermost, or null
     */
    static ShopServer start(
            Shop shop, int port, Path assetsDir, @Nullable AssetManifest manifest, @Nullable Filter requestTimer) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("shop");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        if (requestTimer != null) {
            context.addFilter(new FilterHolder(requestTimer), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addFilter(new FilterHolder(new QueryScopeFilter(5)), "/*", EnumSet.of(DispatcherType.REQUEST));
        HttpResponseCache http = shop.httpCache();
        if (http != null) {
            context.addFilter(
                    new FilterHolder(new ResponseCacheFilter(http)), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        UnaryOperator<String> url;
        if (manifest != null) {
            // Images below the fold wait until the user scrolls: perf-assets' lazy-loading pass on every HTML page.
            context.addFilter(
                    new FilterHolder(new LazyLoadingFilter(LazyLoading.eagerFirst(4))),
                    "/*",
                    EnumSet.of(DispatcherType.REQUEST));
            AssetUrls urls = AssetUrls.of(manifest, "/assets");
            url = urls::url;
            context.addServlet(new ServletHolder(AssetServlet.of(manifest)), "/assets/*");
        } else {
            url = path -> "/static/" + path;
            // Jetty's own static file servlet, as an application would serve files: validators, no compression.
            ServletHolder files = new ServletHolder("static", ResourceServlet.class);
            files.setInitParameter("baseResource", assetsDir.toUri().toString());
            files.setInitParameter("pathInfoOnly", "true");
            files.setInitParameter("etags", "true");
            files.setInitParameter("dirAllowed", "false");
            context.addServlet(files, "/static/*");
        }
        context.addServlet(new ServletHolder(new ApiServlet(shop)), "/api/*");
        context.addServlet(new ServletHolder(new PageServlet(shop, url)), "");
        server.setHandler(context);
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new DemoException("port " + port + " is in use (choose another with --port)", e);
            }
            throw new DemoException("the shop did not start on port " + port + ": " + e.getMessage(), e);
        } catch (Exception e) {
            stopQuietly(server);
            throw new DemoException("the shop did not start on port " + port + ": " + e.getMessage(), e);
        }
        return new ShopServer(server, connector);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping is best effort at the end of a step
        }
    }

    /** {@code /api/products/{id}}, {@code /api/products/{id}/price}, {@code /api/customers/{id}/orders}... */
    private static final class ApiServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient Shop shop;

        ApiServlet(Shop shop) {
            this.shop = shop;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = Optional.ofNullable(req.getPathInfo()).orElse("/");
            String[] parts = path.split("/");
            try {
                if (parts.length == 3 && parts[1].equals("products")) {
                    Optional<Product> product = shop.product(Long.parseLong(parts[2]));
                    if (product.isEmpty()) {
                        resp.sendError(404);
                        return;
                    }
                    ResponseTags.add(req, "product:" + product.get().id());
                    send(resp, shop.json(product.get()));
                } else if (parts.length == 4 && parts[1].equals("customers") && parts[3].equals("orders")) {
                    send(resp, shop.customerOrders(Long.parseLong(parts[2])));
                } else if (path.equals("/orders/shipped")) {
                    String page = req.getParameter("page");
                    send(resp, shop.shipped(page == null ? 0 : Integer.parseInt(page), req.getParameter("after")));
                } else if (path.equals("/orders/pending")) {
                    send(resp, shop.pending());
                } else {
                    resp.sendError(404);
                }
            } catch (NumberFormatException e) {
                resp.sendError(400, "not a number: " + e.getMessage());
            } catch (IllegalArgumentException e) { // a forged or stale cursor token
                resp.sendError(400, "bad request");
            }
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String[] parts = Optional.ofNullable(req.getPathInfo()).orElse("/").split("/");
            if (parts.length == 4 && parts[1].equals("products") && parts[3].equals("price")) {
                try {
                    long version =
                            shop.changePrice(Long.parseLong(parts[2]), Integer.parseInt(req.getParameter("cents")));
                    if (version < 0) {
                        resp.sendError(404);
                        return;
                    }
                    send(resp, ("{\"version\":" + version + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } catch (NumberFormatException e) {
                    resp.sendError(400, "not a number: " + e.getMessage());
                }
                return;
            }
            resp.sendError(404);
        }

        private static void send(HttpServletResponse resp, byte[] body) throws IOException {
            resp.setContentType("application/json");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        }
    }

    /** {@code /?category=cat-3}: the storefront page, server-rendered. */
    private static final class PageServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient Shop shop;
        private final transient UnaryOperator<String> url;

        PageServlet(Shop shop, UnaryOperator<String> url) {
            this.shop = shop;
            this.url = url;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String category = Optional.ofNullable(req.getParameter("category")).orElse("cat-1");
            if (!category.matches("cat-[0-9]{1,2}")) {
                resp.sendError(400, "category must look like cat-7");
                return;
            }
            List<Product> products = shop.category(category.toLowerCase(Locale.ROOT));
            ResponseTags.add(req, "category:" + category);
            byte[] body = Storefront.page(category, products, url);
            resp.setContentType("text/html;charset=utf-8");
            resp.setHeader("Cache-Control", "no-cache");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        }
    }
}
