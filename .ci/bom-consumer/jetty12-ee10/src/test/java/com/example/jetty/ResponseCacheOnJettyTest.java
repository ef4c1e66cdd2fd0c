package com.example.jetty;

import dev.perfkit.cache.http.servlet.ResponseCacheFilter;
import jakarta.servlet.DispatcherType;
import java.net.InetAddress;
import java.net.URI;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** perf-cache's ResponseCacheFilter in a plain Jetty 12 ee10 application, on the Servlet 6.0 API it brings. */
class ResponseCacheOnJettyTest {
    @Test
    void requestsThroughTheResponseCacheFilter() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(new ResponseCacheFilter(ResponseCacheChecks.cache())), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new ResponseCacheChecks.ProductServlet()), "/api/*");
        server.setHandler(context);
        server.start();
        try {
            ResponseCacheChecks.run(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/api/products/42"));
        } finally {
            server.stop();
        }
    }
}
