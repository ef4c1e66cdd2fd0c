package dev.perfkit.metrics.slo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated rule file passes {@code promtool check rules}, and {@code promtool test rules} proves each
 * burn-rate alert: a fast burn pages, a slow burn opens only a ticket, a load inside the objective fires nothing.
 */
class PrometheusRulesIT {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    static final Slo AVAILABILITY = Slo.availability("checkout")
            .meter("http.server.requests")
            .tag("uri", "/checkout")
            .errors("status", "5..")
            .objective(0.999)
            .build();
    static final Slo LATENCY = Slo.latency("checkout-fast")
            .meter("http.server.requests")
            .tag("uri", "/checkout")
            .threshold(Duration.ofMillis(300))
            .objective(0.99)
            .build();

    @Test
    void promtoolChecksTheRulesOfEverySloKindAndPeriod() throws Exception {
        Slo scaled = Slo.availability("hourly")
                .meter("jobs.run")
                .errors("outcome", "FAILURE|TIMEOUT")
                .objective(0.95)
                .period(Duration.ofHours(12))
                .build();
        Files.writeString(dir.resolve("rules.yaml"), PrometheusRules.generate(List.of(AVAILABILITY, LATENCY, scaled)));
        PromBinaries.Result r =
                PromBinaries.run(dir, PromBinaries.find("promtool").toString(), "check", "rules", "rules.yaml");
        assertThat(r.exit()).as(r.output()).isZero();
        // per SLO: 8 windows, objective, budget, 2 burn-rate alerts, the absent-data alert
        assertThat(r.output()).contains("SUCCESS: 39 rules found");
    }

    @Test
    void promtoolUnitTestsFireEachBurnRateAlertOnlyWhenItShould() throws Exception {
        String rules = PrometheusRules.generate(List.of(AVAILABILITY, LATENCY));
        Files.writeString(dir.resolve("rules.yaml"), rules);
        JsonNode parsed = YAML.readTree(rules);

        ObjectNode test = YAML.createObjectNode();
        test.putArray("rule_files").add("rules.yaml");
        test.put("evaluation_interval", "1m");
        ArrayNode tests = test.putArray("tests");
        // 10% errors: 100x the budget of 0.1%, both pairs of both severities hold
        availabilityCase(tests, parsed, 900, 100, List.of("page", "ticket"));
        // 0.5% errors: 5x the budget; over 14.4x and 6x no, over 3x yes: a ticket only
        availabilityCase(tests, parsed, 995, 5, List.of("ticket"));
        // 0.05% errors: half the budget, nothing fires
        availabilityCase(tests, parsed, 1999, 1, List.of());
        // latency: 20% of requests over 300 ms with a 1% budget pages and tickets
        latencyCase(tests, parsed, 80, List.of("page", "ticket"));
        latencyCase(tests, parsed, 100, List.of());
        // no data at all: each SLO's absent-data alert fires, and no burn-rate alert does
        absentCase(tests, parsed, null, List.of("checkout", "checkout-fast"));
        // a latency timer without its threshold bucket (SloMeterFilter missing): only that SLO has no data
        absentCase(
                tests,
                parsed,
                "http_server_requests_seconds_count{uri=\"/checkout\",status=\"200\"}",
                List.of("checkout-fast"));
        Files.writeString(dir.resolve("test.yaml"), YAML.writeValueAsString(test));

        PromBinaries.Result r =
                PromBinaries.run(dir, PromBinaries.find("promtool").toString(), "test", "rules", "test.yaml");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }

    private static void availabilityCase(
            ArrayNode tests, JsonNode rules, int okPerMinute, int errorsPerMinute, List<String> firing) {
        ObjectNode t = tests.addObject();
        t.put("interval", "1m");
        ArrayNode series = t.putArray("input_series");
        series.addObject()
                .put("series", "http_server_requests_seconds_count{uri=\"/checkout\",status=\"200\"}")
                .put("values", "0+" + okPerMinute + "x180");
        series.addObject()
                .put("series", "http_server_requests_seconds_count{uri=\"/checkout\",status=\"503\"}")
                .put("values", "0+" + errorsPerMinute + "x180");
        expect(t, rules, "checkout", firing);
    }

    private static void latencyCase(ArrayNode tests, JsonNode rules, int fastPercent, List<String> firing) {
        ObjectNode t = tests.addObject();
        t.put("interval", "1m");
        ArrayNode series = t.putArray("input_series");
        series.addObject()
                .put("series", "http_server_requests_seconds_bucket{uri=\"/checkout\",status=\"200\",le=\"0.3\"}")
                .put("values", "0+" + fastPercent * 10 + "x180");
        series.addObject()
                .put("series", "http_server_requests_seconds_bucket{uri=\"/checkout\",status=\"200\",le=\"+Inf\"}")
                .put("values", "0+1000x180");
        series.addObject()
                .put("series", "http_server_requests_seconds_count{uri=\"/checkout\",status=\"200\"}")
                .put("values", "0+1000x180");
        expect(t, rules, "checkout-fast", firing);
    }

    private static void absentCase(ArrayNode tests, JsonNode rules, String onlySeries, List<String> absentSlos) {
        ObjectNode t = tests.addObject();
        t.put("interval", "1m");
        ArrayNode series = t.putArray("input_series");
        series.addObject()
                .put("series", onlySeries == null ? "some_other_metric{job=\"x\"}" : onlySeries)
                .put("values", "0+1000x30");
        ArrayNode alertTests = t.putArray("alert_rule_test");
        ObjectNode burn = alertTests.addObject();
        burn.put("eval_time", "20m");
        burn.put("alertname", BurnRateMonitor.ALERT_NAME);
        burn.putArray("exp_alerts");
        ObjectNode absent = alertTests.addObject();
        absent.put("eval_time", "20m");
        absent.put("alertname", PrometheusRules.ABSENT_ALERT_NAME);
        ArrayNode expected = absent.putArray("exp_alerts");
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                if (rule.has("alert")
                        && rule.get("alert").asText().equals(PrometheusRules.ABSENT_ALERT_NAME)
                        && absentSlos.contains(rule.get("labels").get("slo").asText())) {
                    ObjectNode e = expected.addObject();
                    e.set("exp_labels", rule.get("labels"));
                    e.set("exp_annotations", rule.get("annotations"));
                }
            }
        }
        assertThat(expected).hasSize(absentSlos.size());
    }

    private static void expect(ObjectNode t, JsonNode rules, String slo, List<String> firing) {
        ArrayNode alertTests = t.putArray("alert_rule_test");
        ObjectNode at = alertTests.addObject();
        at.put("eval_time", "150m");
        at.put("alertname", BurnRateMonitor.ALERT_NAME);
        ArrayNode expected = at.putArray("exp_alerts");
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                if (rule.has("alert")
                        && rule.get("alert").asText().equals(BurnRateMonitor.ALERT_NAME)
                        && rule.get("labels").get("slo").asText().equals(slo)
                        && firing.contains(rule.get("labels").get("severity").asText())) {
                    ObjectNode e = expected.addObject();
                    e.set("exp_labels", rule.get("labels"));
                    e.set("exp_annotations", rule.get("annotations"));
                }
            }
        }
        assertThat(expected).hasSize(firing.size());
    }
}
