package com.example.jetty;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perfkit.assets.AssetEntry;
import dev.perfkit.assets.AssetPipeline;
import dev.perfkit.assets.servlet.AssetServlet;
import jakarta.servlet.ServletOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AssetServlet in a plain Jetty 12 ee10 application, on the Servlet 6.0 API that jetty-ee10-servlet brings. */
class AssetServletOnJettyTest {
    @TempDir
    Path dir;

    @Test
    void theServletApiIsJettysOwn60WithoutWriteByteBuffer() {
        String jar = ServletOutputStream.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(jar.endsWith("jakarta.servlet-api-6.0.0.jar"), jar);
        assertFalse(Arrays.stream(ServletOutputStream.class.getMethods())
                .anyMatch(m -> m.getName().equals("write") && Arrays.equals(m.getParameterTypes(), new Class<?>[] {ByteBuffer.class})));
    }

    @Test
    void getWithABodyHeadAndNotModifiedThroughJetty() throws Exception {
        byte[] js = "export const answer = () => 42;\n".repeat(400).getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("in"));
        Files.write(dir.resolve("in/app.js"), js);
        AssetEntry e = AssetPipeline.builder().input(dir.resolve("in")).output(dir.resolve("out")).build().run()
                .manifest().entry("app.js").orElseThrow();

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(AssetServlet.forDirectory(dir.resolve("out"))), "/assets/*");
        server.setHandler(context);
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/assets/" + e.file());
            ConsumerChecks.run(uri, js, e.etag());
        } finally {
            server.stop();
        }
    }
}
