package dev.perfkit.metrics.slo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Generates a Prometheus rule file (YAML, for {@code rule_files}) from SLO definitions: per SLO, recording rules
 * {@code perfkit_slo:error_ratio:rate<window>{slo}} for every window of its burn-rate pairs and its period, the
 * error budget left over the period ({@code perfkit_slo:error_budget_remaining:ratio}) and its objective, and two
 * alerts {@value BurnRateMonitor#ALERT_NAME}, {@code severity=page} and {@code severity=ticket}, with the same
 * windows and factors as {@link BurnRateMonitor}. {@code promtool check rules} accepts the output.
 *
 * {@snippet class=dev.perfkit.metrics.slo.SloSnippets region=rules}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class PrometheusRules {
    /** The prefix of every recorded series. */
    public static final String RECORD_PREFIX = "perfkit_slo:error_ratio:rate";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

    private PrometheusRules() {}

    /**
     * Returns the rule file for {@code slos}, one rule group per SLO (named {@code perfkit-slo-<name>}).
     *
     * @throws IllegalArgumentException if {@code slos} is empty or two share a name
     */
    public static String generate(List<Slo> slos) {
        SloDefinitions.checkUnique(slos);
        ObjectNode root = YAML.createObjectNode();
        ArrayNode groups = root.putArray("groups");
        for (Slo slo : slos) {
            ObjectNode group = groups.addObject();
            group.put("name", "perfkit-slo-" + slo.name());
            ArrayNode rules = group.putArray("rules");
            for (String window : windows(slo)) {
                ObjectNode r = rules.addObject();
                r.put("record", RECORD_PREFIX + window);
                r.put("expr", PromQl.errorRatio(slo, window));
                r.putObject("labels").put("slo", slo.name());
            }
            ObjectNode objective = rules.addObject();
            objective.put("record", "perfkit_slo:objective:ratio");
            objective.put("expr", "vector(" + slo.objective() + ")");
            objective.putObject("labels").put("slo", slo.name());
            ObjectNode budget = rules.addObject();
            budget.put("record", "perfkit_slo:error_budget_remaining:ratio");
            budget.put(
                    "expr",
                    "1 - (" + series(slo, PromDurations.format(slo.period())) + " / " + slo.errorBudget() + ")");
            budget.putObject("labels").put("slo", slo.name());
            for (BurnRateWindow.Severity severity : BurnRateWindow.Severity.values()) {
                rules.add(alert(slo, severity));
            }
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns every window the rules of {@code slo} record, in Prometheus notation, without repeats. */
    static List<String> windows(Slo slo) {
        Set<String> all = new LinkedHashSet<>();
        for (BurnRateWindow w : slo.windows()) {
            all.add(PromDurations.format(w.shortWindow()));
            all.add(PromDurations.format(w.longWindow()));
        }
        all.add(PromDurations.format(slo.period()));
        return new ArrayList<>(all);
    }

    static String series(Slo slo, String window) {
        return RECORD_PREFIX + window + "{slo=" + PromQl.quoted(slo.name()) + "}";
    }

    /** The alert expression of one severity: any of its pairs with both windows above the pair's rate. */
    static String expr(Slo slo, BurnRateWindow.Severity severity) {
        List<String> pairs = new ArrayList<>();
        for (BurnRateWindow w : slo.windows()) {
            if (w.severity() != severity) {
                continue;
            }
            String limit = "(" + w.factor() + " * " + slo.errorBudget() + ")";
            pairs.add("(" + series(slo, PromDurations.format(w.longWindow())) + " > " + limit + " and "
                    + series(slo, PromDurations.format(w.shortWindow())) + " > " + limit + ")");
        }
        return String.join("\nor\n", pairs);
    }

    private static ObjectNode alert(Slo slo, BurnRateWindow.Severity severity) {
        String sev = severity.name().toLowerCase(Locale.ROOT);
        ObjectNode a = YAML.createObjectNode();
        a.put("alert", BurnRateMonitor.ALERT_NAME);
        a.put("expr", expr(slo, severity));
        ObjectNode labels = a.putObject("labels");
        labels.put("slo", slo.name());
        labels.put("severity", sev);
        ObjectNode annotations = a.putObject("annotations");
        annotations.put("summary", "SLO " + slo.name() + " is burning its error budget");
        StringBuilder d = new StringBuilder("Error ratio above the burn rate over both windows of a pair:");
        for (BurnRateWindow w : slo.windows()) {
            if (w.severity() == severity) {
                d.append(' ')
                        .append(w.factor())
                        .append("x over ")
                        .append(PromDurations.format(w.longWindow()))
                        .append(" and ")
                        .append(PromDurations.format(w.shortWindow()))
                        .append(';');
            }
        }
        annotations.put("description", d + " objective " + slo.objective() + " over " + period(slo.period()) + ".");
        return a;
    }

    private static String period(Duration period) {
        return PromDurations.format(period);
    }
}
