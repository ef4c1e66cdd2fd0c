package dev.perfkit.metrics.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SloDefinitionsTest {
    static final String GOOD = """
            slos:
              - name: checkout-latency
                type: latency
                meter: http.server.requests
                tags: {uri: /checkout, method: POST}
                threshold: 300ms
                objective: 99.9
              - name: checkout-availability
                type: availability
                meter: http.server.requests
                tags: {uri: /checkout}
                errors: {tag: status, matches: "5.."}
                objective: 99.5
                period: 7d
            """;

    @Test
    void aGoodFileGivesItsSlos(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("slo.yaml"), GOOD);
        List<Slo> slos = SloDefinitions.load(file);
        assertThat(slos).hasSize(2);
        Slo latency = slos.get(0);
        assertThat(latency.kind()).isEqualTo(Slo.Kind.LATENCY);
        assertThat(latency.threshold()).isEqualTo(Duration.ofMillis(300));
        assertThat(latency.objective()).isEqualTo(0.999);
        assertThat(latency.period()).isEqualTo(Duration.ofDays(30));
        assertThat(latency.tags()).containsEntry("method", "POST");
        Slo availability = slos.get(1);
        assertThat(availability.errorTag()).isEqualTo("status");
        assertThat(availability.errorValues()).isEqualTo("5..");
        assertThat(availability.period()).isEqualTo(Duration.ofDays(7));
    }

    /** Each bad field: the message names the file, the field and what is accepted. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "objective: 99.9|objective: 120|slo.yaml: slos[0].objective: must be a percentage between 0 and 100 (exclusive), but was 120",
                "objective: 99.9|objective: high|slo.yaml: slos[0].objective: required, a percentage such as 99.9",
                "threshold: 300ms|threshold: fast|slo.yaml: slos[0].threshold: threshold must be a number and one unit",
                "threshold: 300ms|threshold: 0ms|slo.yaml: slos[0].threshold: threshold must be positive",
                "type: latency|type: speed|slo.yaml: slos[0].type: must be latency or availability, but was 'speed'",
                "name: checkout-latency|name: Checkout Latency|slo.yaml: slos[0].name: SLO name must be lower-case",
                "meter: http.server.requests|meter: 'http server'|slo.yaml: slos[0].meter: meter must be a Micrometer name",
                "threshold: 300ms|thresold: 300ms|slo.yaml: slos[0].thresold: unknown field; accepted:",
                "threshold: 300ms|period: 1d|slo.yaml: slos[0].threshold: required for a latency SLO",
                "objective: 99.9|period: 1m\\n    objective: 99.9|slo.yaml: slos[0].period: period must be 1 hour to 400 days",
            })
    void aBadFieldIsNamedWithTheFile(String good, String bad, String message, @TempDir Path dir) throws Exception {
        String text = GOOD.replaceFirst(java.util.regex.Pattern.quote(good), bad.replace("\\n", "\n"));
        assertThat(text).isNotEqualTo(GOOD);
        Path file = Files.writeString(dir.resolve("slo.yaml"), text);
        assertThatThrownBy(() -> SloDefinitions.load(file))
                .isInstanceOf(SloDefinitionException.class)
                .hasMessageStartingWith(dir.resolve(message.substring(0, message.indexOf(':')))
                        + message.substring(message.indexOf(':')));
    }

    @Test
    void availabilityErrorsAreChecked() {
        String noErrors = GOOD.replace("    errors: {tag: status, matches: \"5..\"}\n", "");
        assertThatThrownBy(() -> SloDefinitions.parse("s.yaml", noErrors))
                .hasMessage("s.yaml: slos[1].errors: required for a availability SLO");
        String badRegex = GOOD.replace("matches: \"5..\"", "matches: \"5(\"");
        assertThatThrownBy(() -> SloDefinitions.parse("s.yaml", badRegex))
                .hasMessageStartingWith(
                        "s.yaml: slos[1].errors: errors.matches must be a regular expression, but '5(' is not");
    }

    @Test
    void notYamlOrNotAListOrRepeatedNamesAreRefused() {
        assertThatThrownBy(() -> SloDefinitions.parse("s.yaml", "slos: [unclosed"))
                .hasMessageStartingWith("s.yaml: not YAML:");
        assertThatThrownBy(() -> SloDefinitions.parse("s.yaml", "objectives: []"))
                .hasMessage("s.yaml: slos: must be a list of SLOs at the top of the file");
        assertThatThrownBy(() -> SloDefinitions.parse("s.yaml", "slos: []"))
                .hasMessage("s.yaml: slos: must hold 1 to 1000 SLOs, but held 0");
        String twice = GOOD.replace("checkout-availability", "checkout-latency");
        assertThatThrownBy(() -> SloDefinitions.parse("s.yaml", twice))
                .hasMessage("s.yaml: slos: two SLOs are named 'checkout-latency'");
    }

    @Test
    void aMissingOrHugeFileIsNamed(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> SloDefinitions.load(dir.resolve("nope.yaml")))
                .hasMessageStartingWith(dir.resolve("nope.yaml") + ": cannot be read");
        Path huge = Files.writeString(dir.resolve("huge.yaml"), "#".repeat((1 << 20) + 1));
        assertThatThrownBy(() -> SloDefinitions.load(huge)).hasMessageContaining("larger than 1 MiB");
    }

    @Test
    void builderChecksEachValueAtOnce() {
        assertThatThrownBy(() -> Slo.latency("x").objective(1))
                .hasMessage("objective must be a share between 0 and 1 (exclusive), such as 0.999, but was 1.0");
        assertThatThrownBy(() -> Slo.latency("x").errors("status", "5.."))
                .hasMessage("errors are for availability SLOs; 'x' is latency");
        assertThatThrownBy(() -> Slo.availability("x").threshold(Duration.ofMillis(1)))
                .hasMessage("threshold is for latency SLOs; 'x' is availability");
        assertThatThrownBy(() -> Slo.latency("x").tag("uri", "a\"b"))
                .hasMessageContaining("tag uri must be 1 to 200 characters without quote");
        assertThatThrownBy(() -> Slo.latency("x").meter("m").objective(0.9).build())
                .hasMessage("SLO 'x' needs threshold");
    }
}
