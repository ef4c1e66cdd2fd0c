package dev.perfkit.pool.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.testsupport.JettyServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

class HttpClientsIT {

    /** Answers with the client's remote port, so reuse of a pooled connection is visible. */
    static final class PortServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.getWriter().print(req.getRemotePort());
        }
    }

    @Test
    void builtClientReusesPooledConnectionsAndRunsHandlersOnItsExecutor() throws Exception {
        HttpClientPoolSettings applied = HttpClientPoolSettings.of(16, Duration.ofSeconds(20));
        applied.applyJvmWide();
        assertThat(HttpClientPoolSettings.current()).isEqualTo(applied);
        assertThat(System.getProperty("jdk.httpclient.connectionPoolSize")).isEqualTo("16");
        assertThat(System.getProperty("jdk.httpclient.keepalive.timeout")).isEqualTo("20");
        HttpClients.Builder builder = HttpClients.builder()
                .connectTimeout(Duration.ofSeconds(2))
                .executorThreads(2)
                .version(HttpClient.Version.HTTP_1_1);
        HttpClient client = builder.build();
        ExecutorService executor = builder.executor();
        assertThat(executor).isNotNull();
        assertThat(client.connectTimeout()).contains(Duration.ofSeconds(2));
        try (JettyServer server = JettyServer.servlet(new PortServlet())) {
            Set<String> ports = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> response = client.sendAsync(
                                HttpRequest.newBuilder(server.uri("/")).build(), HttpResponse.BodyHandlers.ofString())
                        .get();
                assertThat(response.statusCode()).isEqualTo(200);
                ports.add(response.body());
            }
            assertThat(ports)
                    .as("sequential requests reuse one pooled connection")
                    .hasSize(1);
            assertThat(((java.util.concurrent.ThreadPoolExecutor) executor).getCompletedTaskCount())
                    .as("the client ran its work on the sized executor")
                    .isPositive();
        } finally {
            executor.shutdownNow();
        }
    }
}
