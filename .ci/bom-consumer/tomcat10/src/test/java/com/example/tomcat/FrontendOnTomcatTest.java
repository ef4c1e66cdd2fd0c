package com.example.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perfkit.assets.frontend.LazyLoading;
import dev.perfkit.assets.frontend.PageTags;
import dev.perfkit.assets.frontend.Tag;
import dev.perfkit.assets.servlet.EarlyHints;
import dev.perfkit.assets.servlet.LazyLoadingFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LazyLoadingFilter and a 103 Early Hints through an embedded Tomcat 10.1, on its own Servlet 6.0 API. */
class FrontendOnTomcatTest {
    @TempDir
    Path dir;

    static final class Page extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            EarlyHints.send(resp, new PageTags(List.of(new Tag(Tag.Kind.MODULE_SCRIPT, "/assets/app-1.js", null, null))));
            resp.setContentType("text/html;charset=utf-8");
            resp.getOutputStream().write("<img src=a><img src=b><img src=c>".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void theFilterRewritesHtmlAndEarlyHintsSendA103() throws Exception {
        Logger.getLogger("org.apache").setLevel(Level.WARNING);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "page", new Page());
        context.addServletMappingDecoded("/page", "page");
        FilterDef def = new FilterDef();
        def.setFilterName("lazy");
        def.setFilter(new LazyLoadingFilter(LazyLoading.defaults()));
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("lazy");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        tomcat.start();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), connector.getLocalPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /page HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(raw.startsWith("HTTP/1.1 103"), raw);
            assertTrue(raw.contains("</assets/app-1.js>; rel=modulepreload; crossorigin"), raw);
            int head = raw.indexOf("HTTP/1.1 200");
            assertTrue(head > 0, raw);
            String body = raw.substring(raw.indexOf("\r\n\r\n", head) + 4);
            if (raw.substring(head).toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                StringBuilder plain = new StringBuilder();
                int at = 0;
                while (true) {
                    int eol = body.indexOf("\r\n", at);
                    int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    plain.append(body, eol + 2, eol + 2 + size);
                    at = eol + 2 + size + 2;
                }
                body = plain.toString();
            }
            assertEquals("<img src=a fetchpriority=\"high\"><img src=b><img src=c loading=\"lazy\" decoding=\"async\">", body);
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
