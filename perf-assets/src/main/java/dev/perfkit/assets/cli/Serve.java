package dev.perfkit.assets.cli;

import dev.perfkit.assets.servlet.AssetServlet;
import java.io.PrintStream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** {@code serve}: an embedded Jetty on 127.0.0.1 with the asset servlet at {@code /}. */
final class Serve {
    private Serve() {}

    static int run(CliArgs args, PrintStream out) {
        AssetServlet servlet = AssetServlet.forDirectory(args.path("--dir"));
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(args.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(servlet), "/*");
        server.setHandler(context);
        try {
            server.start();
            out.println("listening on http://127.0.0.1:" + connector.getLocalPort() + "/");
            out.flush();
            server.join();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            throw new IllegalStateException("cannot serve on 127.0.0.1:" + args.port() + ": " + e.getMessage(), e);
        } finally {
            try {
                server.stop();
            } catch (Exception e) {
                out.println("perf-assets: stopping the server failed: " + e);
            }
        }
    }
}
