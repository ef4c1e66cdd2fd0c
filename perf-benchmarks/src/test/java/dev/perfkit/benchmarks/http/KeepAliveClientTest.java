package dev.perfkit.benchmarks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.testsupport.JettyServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The benchmarks' load side against a real Jetty: every framing it must read, on one reused connection. */
class KeepAliveClientTest {
    private static final byte[] BODY = body(100_000);

    private static byte[] body(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    /** /sized: with Content-Length; /chunked: written in pieces with none; /etag: 304 on If-None-Match; /close. */
    private static final class Responses extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            switch (req.getRequestURI()) {
                case "/sized" -> {
                    res.setContentLength(BODY.length);
                    res.getOutputStream().write(BODY);
                }
                case "/chunked" -> {
                    OutputStream out = res.getOutputStream();
                    for (int i = 0; i < BODY.length; i += 7_000) {
                        out.write(BODY, i, Math.min(7_000, BODY.length - i));
                        out.flush();
                    }
                }
                case "/etag" -> {
                    res.setHeader("ETag", "\"1\"");
                    if ("\"1\"".equals(req.getHeader("If-None-Match"))) {
                        res.setStatus(304);
                    } else {
                        res.getWriter().write("v1");
                    }
                }
                case "/empty" -> res.setStatus(204);
                default -> {
                    res.setHeader("Connection", "close");
                    res.getWriter().write("bye");
                }
            }
        }
    }

    @Test
    void readsEveryFramingWholeOnOneConnection() throws IOException {
        try (JettyServer server = JettyServer.servlet(new Responses());
                KeepAliveClient client = new KeepAliveClient(server.port())) {
            for (int round = 0; round < 3; round++) {
                assertThat(client.send(client.request("/sized", null))).isEqualTo(200_000_000L + BODY.length);
                assertThat(client.send(client.request("/chunked", null))).isEqualTo(200_000_000L + BODY.length);
                assertThat(client.send(client.request("/etag", "\"1\""))).isEqualTo(304_000_000L);
                assertThat(client.send(client.request("/etag", "\"0\""))).isEqualTo(200_000_002L);
                assertThat(client.send(client.request("/empty", null))).isEqualTo(204_000_000L);
            }
        }
    }

    @Test
    void aServerThatClosesTheConnectionIsAnErrorNotAResult() throws IOException {
        try (JettyServer server = JettyServer.servlet(new Responses());
                KeepAliveClient client = new KeepAliveClient(server.port())) {
            assertThatThrownBy(() -> client.send(client.request("/close", null)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("keep-alive");
        }
    }
}
