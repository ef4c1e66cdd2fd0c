package dev.perfkit.benchmarks.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.testsupport.Postgres;
import dev.perfkit.testsupport.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's bad environments: one clear line, exit code 2, no report left half-written. */
class DemoFailuresIT {
    @TempDir
    Path out;

    @Test
    void anUnreachableDatabaseIsOneLineAndExitTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Demo.run(
                new String[] {"--quick", "--pg-url", "jdbc:postgresql://127.0.0.1:1/nothing", "--out", out.toString()},
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        String message = err.toString(StandardCharsets.UTF_8).strip();
        assertThat(message)
                .startsWith("perfkit-demo: cannot connect to --pg-url jdbc:postgresql://127.0.0.1:1/nothing");
        assertThat(message.lines()).hasSize(1);
        assertThat(out.resolve("demo-report.json")).doesNotExist();
    }

    @Test
    void aPortInUseIsOneLineAndExitTwoAndLeavesNoReport() throws Exception {
        PostgresServer pg = Postgres.shared();
        String url = "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/postgres";
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Demo.run(
                    new String[] {
                        "--quick",
                        "--pg-url",
                        url,
                        "--pg-user",
                        pg.user(),
                        "--pg-password",
                        pg.password(),
                        "--port",
                        String.valueOf(busy.getLocalPort()),
                        "--out",
                        out.toString(),
                        "--no-redis"
                    },
                    new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("perfkit-demo: port " + busy.getLocalPort() + " is in use (choose another with --port)");
        }
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("demo-report") || name.endsWith(".tmp"));
        }
    }
}
