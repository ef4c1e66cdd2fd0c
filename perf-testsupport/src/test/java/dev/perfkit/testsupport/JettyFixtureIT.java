package dev.perfkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class JettyFixtureIT {

    @Test
    void servletAnswersARealClientOnLoopback() throws IOException, InterruptedException {
        HttpServlet hello = new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/plain;charset=utf-8");
                resp.setHeader("X-Path", req.getRequestURI());
                resp.getWriter().write("hello");
            }
        };
        try (JettyServer server = JettyServer.servlet(hello)) {
            assertThat(server.port()).isPositive();
            HttpResponse<String> response = server.client()
                    .send(HttpRequest.newBuilder(server.uri("/a/b")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello");
            assertThat(response.headers().firstValue("X-Path")).hasValue("/a/b");
        }
    }
}
