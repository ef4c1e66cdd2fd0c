package dev.perfkit.benchmarks.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoOptionsTest {
    @Test
    void quickIsSmallerAndShorter() {
        Scale quick = DemoOptions.parse("--quick").scale();
        Scale full = DemoOptions.parse().scale();
        assertThat(quick.orders()).isLessThan(full.orders());
        assertThat(full.orders()).isGreaterThanOrEqualTo(1_000_000);
        assertThat(quick.measure()).isLessThan(full.measure());
    }

    @Test
    void secondsAndClientsOverrideTheScale() {
        Scale s =
                DemoOptions.parse("--quick", "--seconds", "9", "--clients", "3").scale();
        assertThat(s.measure()).isEqualTo(Duration.ofSeconds(9));
        assertThat(s.warmup()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.clients()).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--frobnicate|unknown option --frobnicate",
                "--clients 0|--clients must be between 1 and 256, but was 0",
                "--clients many|--clients must be a whole number between 1 and 256, but was many",
                "--seconds|--seconds needs a value",
                "--pg-url http://db:5432/x|--pg-url must be a jdbc:postgresql://host:port/database URL, but was http://db:5432/x",
                "--redis-url 127.0.0.1:6379|--redis-url must be a redis://host:port URL, but was 127.0.0.1:6379",
                "--port 70000|--port must be between 1 and 65000, but was 70000",
            })
    void badOptionsNameTheOptionAndWhatIsAccepted(String args, String message) {
        assertThatThrownBy(() -> DemoOptions.parse(args.split(" ")))
                .isInstanceOf(DemoException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aBadOptionIsOneLineAndExitCodeTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Demo.run(
                new String[] {"--clients", "-1"},
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .doesNotContain("\n")
                .startsWith("perfkit-demo: --clients");
    }

    @Test
    void helpListsEveryOption() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Demo.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "--quick",
                        "--pg-url",
                        "--redis-url",
                        "--no-redis",
                        "--out",
                        "--data-dir",
                        "--seconds",
                        "--clients",
                        "--port");
    }
}
