package dev.perfkit.cli.assets;

import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.ManifestException;
import dev.perfkit.assets.servlet.AssetServlet;
import dev.perfkit.cli.CliException;
import dev.perfkit.cli.Exit;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code perfkit assets serve}: the asset servlet on an embedded Jetty on 127.0.0.1, until stopped. Prints
 * {@code listening on http://127.0.0.1:PORT/} once it accepts requests. Exit 1 on a corrupt manifest, 2 on a
 * folder without one (run {@code perfkit assets process} first) or a port that cannot be bound.
 */
@Command(name = "serve", description = "Serve a processed folder on 127.0.0.1 with the asset servlet.")
public final class ServeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "A folder written by assets process.")
    private Path dir = Path.of("");

    private int port;

    @Option(names = "--port", paramLabel = "N", description = "Port, 0 to 65535 (default 0: a free one).")
    void port(int value) {
        if (value < 0 || value > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, but was " + value);
        }
        port = value;
    }

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw new CliException(Exit.BAD_INPUT, "--dir is not a directory: " + dir);
        }
        if (!Files.exists(dir.resolve(AssetManifest.FILE_NAME))) {
            throw new CliException(
                    Exit.BAD_INPUT,
                    dir + " has no " + AssetManifest.FILE_NAME + "; run `perfkit assets process --in SRC --out " + dir
                            + "` first");
        }
        AssetServlet servlet;
        try {
            servlet = AssetServlet.forDirectory(dir);
        } catch (ManifestException e) {
            throw new CliException(Exit.PROBLEM, String.valueOf(e.getMessage()), e);
        }
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(servlet), "/*");
        server.setHandler(context);
        try {
            try {
                server.start();
            } catch (Exception e) {
                throw new CliException(Exit.BAD_INPUT, "cannot serve on 127.0.0.1:" + port + ": " + e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("listening on http://127.0.0.1:" + connector.getLocalPort() + "/");
            out.flush();
            server.join();
            return Exit.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Exit.OK;
        } finally {
            stop(server);
        }
    }

    private void stop(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            spec.commandLine().getErr().println("perfkit: stopping the server failed: " + e);
        }
    }
}
