package dev.perfkit.assets.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.assets.frontend.LazyLoading;
import dev.perfkit.assets.frontend.PageTags;
import dev.perfkit.assets.frontend.Tag;
import dev.perfkit.testsupport.JettyServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/** LazyLoadingFilter and EarlyHints through a real Jetty 12 and real clients. */
class FrontendServletIT {
    private static final String PAGE = "<!doctype html><title>t</title><img src=a.png><img src=b.png><img src=c.png>"
            + "<script>'<img src=d.png>'</script><p>caf\u00e9 \u4e2d</p>";
    private static final String REWRITTEN = "<!doctype html><title>t</title><img src=a.png fetchpriority=\"high\">"
            + "<img src=b.png><img src=c.png loading=\"lazy\" decoding=\"async\">"
            + "<script>'<img src=d.png>'</script><p>caf\u00e9 \u4e2d</p>";

    private static final class Page extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            switch (path) {
                case "/stream" -> {
                    resp.setContentLength(body.length); // before the type: must not survive for a rewritten page
                    resp.setContentType("text/html;charset=utf-8");
                    for (byte b : body) {
                        resp.getOutputStream().write(b); // one byte at a time: multi-byte characters split
                    }
                }
                case "/writer" -> {
                    resp.setContentType("text/html;charset=utf-8");
                    resp.getWriter().write(PAGE);
                }
                case "/json" -> {
                    resp.setContentType("application/json");
                    byte[] json = "{\"html\":\"<img src=x.png><img src=y.png><img src=z.png>\"}"
                            .getBytes(StandardCharsets.UTF_8);
                    resp.setContentLength(json.length);
                    resp.getOutputStream().write(json);
                }
                case "/hints" -> {
                    EarlyHints.send(
                            resp,
                            new PageTags(List.of(
                                    new Tag(Tag.Kind.STYLESHEET, "/assets/app-1.css", null, null),
                                    new Tag(Tag.Kind.MODULE_SCRIPT, "/assets/app-1.js", null, null))));
                    resp.setContentType("text/plain");
                    resp.getWriter().write("page");
                }
                default -> resp.sendError(404);
            }
        }
    }

    private static JettyServer start() {
        return JettyServer.servlets(context -> {
            context.addFilter(
                    new FilterHolder(new LazyLoadingFilter(LazyLoading.defaults())),
                    "/*",
                    EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(new Page()), "/*");
        });
    }

    @Test
    void htmlWrittenThroughTheStreamByteByByteIsRewrittenAndSentWithoutTheOldLength() throws Exception {
        try (JettyServer jetty = start()) {
            HttpResponse<byte[]> r = jetty.client()
                    .send(
                            HttpRequest.newBuilder(jetty.uri("/stream")).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(REWRITTEN);
            r.headers()
                    .firstValueAsLong("Content-Length")
                    .ifPresent(n -> assertThat(n).isEqualTo(r.body().length));
        }
    }

    @Test
    void htmlWrittenThroughTheWriterIsRewritten() throws Exception {
        try (JettyServer jetty = start()) {
            HttpResponse<String> r = jetty.client()
                    .send(
                            HttpRequest.newBuilder(jetty.uri("/writer")).build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.body()).isEqualTo(REWRITTEN);
        }
    }

    @Test
    void otherResponsesPassThroughUntouchedWithTheirLength() throws Exception {
        try (JettyServer jetty = start()) {
            HttpResponse<String> r = jetty.client()
                    .send(HttpRequest.newBuilder(jetty.uri("/json")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).isEqualTo("{\"html\":\"<img src=x.png><img src=y.png><img src=z.png>\"}");
            assertThat(r.headers().firstValueAsLong("Content-Length"))
                    .hasValue(r.body().length());
            assertThat(jetty.client()
                            .send(
                                    HttpRequest.newBuilder(jetty.uri("/nothing"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void earlyHintsSendA103WithTheLinkHeaderBeforeThePage() throws Exception {
        try (JettyServer jetty = start()) {
            String raw = RawHttp.exchange(jetty.port(), "GET", "/hints");
            assertThat(raw).startsWith("HTTP/1.1 103 ");
            String interim = raw.substring(0, raw.indexOf("\r\n\r\n"));
            assertThat(interim)
                    .contains("Link: </assets/app-1.css>; rel=preload; as=style, "
                            + "</assets/app-1.js>; rel=modulepreload; crossorigin");
            String last = raw.substring(raw.indexOf("\r\n\r\n") + 4);
            assertThat(RawHttp.status(last)).isEqualTo(200);
            assertThat(RawHttp.headers(last, "Link")).isNotEmpty();
            assertThat(RawHttp.body(last)).endsWith("page");
        }
    }
}
