package com.example.tomcat;

import dev.perfkit.cache.http.servlet.ResponseCacheFilter;
import java.net.URI;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** perf-cache's ResponseCacheFilter in an embedded Tomcat 10.1, on the Servlet 6.0 API Tomcat carries. */
class ResponseCacheOnTomcatTest {
    @TempDir
    Path dir;

    @Test
    void requestsThroughTheResponseCacheFilter() throws Exception {
        Logger.getLogger("org.apache").setLevel(Level.WARNING);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        FilterDef def = new FilterDef();
        def.setFilterName("responseCache");
        def.setFilter(new ResponseCacheFilter(ResponseCacheChecks.cache()));
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("responseCache");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        Tomcat.addServlet(context, "products", new ResponseCacheChecks.ProductServlet());
        context.addServletMappingDecoded("/api/*", "products");
        tomcat.start();
        try {
            ResponseCacheChecks.run(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/api/products/42"));
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
