package com.example.tomcat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perfkit.assets.AssetEntry;
import dev.perfkit.assets.AssetPipeline;
import dev.perfkit.assets.servlet.AssetServlet;
import jakarta.servlet.ServletOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AssetServlet in an embedded Tomcat 10.1 (Spring Boot 3's container), on the Servlet 6.0 API Tomcat carries. */
class AssetServletOnTomcatTest {
    @TempDir
    Path dir;

    @Test
    void theServletApiIsTomcats60WithoutWriteByteBuffer() {
        String jar = ServletOutputStream.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(jar.contains("tomcat-embed-core-10.1."), jar);
        assertFalse(Arrays.stream(ServletOutputStream.class.getMethods())
                .anyMatch(m -> m.getName().equals("write") && Arrays.equals(m.getParameterTypes(), new Class<?>[] {ByteBuffer.class})));
    }

    @Test
    void getWithABodyHeadAndNotModifiedThroughTomcat() throws Exception {
        Logger.getLogger("org.apache").setLevel(Level.WARNING);
        byte[] js = "export const answer = () => 42;\n".repeat(400).getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("in"));
        Files.write(dir.resolve("in/app.js"), js);
        AssetEntry e = AssetPipeline.builder().input(dir.resolve("in")).output(dir.resolve("out")).build().run()
                .manifest().entry("app.js").orElseThrow();

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "assets", AssetServlet.forDirectory(dir.resolve("out")));
        context.addServletMappingDecoded("/assets/*", "assets");
        tomcat.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/assets/" + e.file());
            ConsumerChecks.run(uri, js, e.etag());
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
