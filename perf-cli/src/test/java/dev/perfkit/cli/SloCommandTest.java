package dev.perfkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perfkit slo rules} and {@code perfkit slo dashboard}. */
class SloCommandTest {
    static final String SLO = """
            slos:
              - name: checkout-latency
                type: latency
                meter: http.server.requests
                tags: {uri: /checkout}
                threshold: 300ms
                objective: 99.9
            """;

    @TempDir
    Path dir;

    @Test
    void rulesAreWrittenIntoTheFolder() throws Exception {
        Path slo = Files.writeString(dir.resolve("checkout.yaml"), SLO);
        CliRun.Result r = CliRun.run(
                "slo", "rules", slo.toString(), "--out", dir.resolve("rules").toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path rules = dir.resolve("rules").resolve("checkout.rules.yaml");
        assertThat(r.out()).contains(rules.toString());
        assertThat(Files.readString(rules))
                .contains("perfkit_slo:error_ratio:rate5m", "alert: SloErrorBudgetBurn", "severity: page");
    }

    @Test
    void theDashboardIsWrittenAsGrafanaJson() throws Exception {
        Path slo = Files.writeString(dir.resolve("checkout.yaml"), SLO);
        Path out = dir.resolve("dash.json");
        CliRun.Result r =
                CliRun.run("slo", "dashboard", slo.toString(), "--out", out.toString(), "--title", "Checkout");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode d = new ObjectMapper().readTree(out.toFile());
        assertThat(d.get("title").asText()).isEqualTo("Checkout");
        assertThat(d.get("schemaVersion").asInt()).isEqualTo(39);
        assertThat(d.get("panels").toString())
                .contains("perfkit_slo:error_budget_remaining:ratio", "perfkit_cache_gets_total");
    }

    @Test
    void aBadDefinitionExitsTwoNamingTheFileAndTheField() throws Exception {
        Path slo = Files.writeString(dir.resolve("bad.yaml"), SLO.replace("objective: 99.9", "objective: 100"));
        CliRun.Result r = CliRun.run("slo", "rules", slo.toString(), "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("perfkit: " + slo
                        + ": slos[0].objective: must be a percentage between 0 and 100 (exclusive), but was 100");
        CliRun.Result missing =
                CliRun.run("slo", "dashboard", dir.resolve("none.yaml").toString(), "--out", "x.json");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("perfkit: " + dir.resolve("none.yaml") + ": cannot be read");
    }
}
