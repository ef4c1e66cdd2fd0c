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
 * windows and factors as {@link BurnRateMonitor}, and an alert {@value #ABSENT_ALERT_NAME} ({@code severity=ticket})
 * when the SLI has no data for the shortest burn-rate window (at least a minute): a missing timer, or a latency
 * SLO's threshold bucket never published, would otherwise silence the burn-rate alerts. {@code promtool check
 * rules} accepts the output.
 *
 * {@snippet class=dev.perfkit.metrics.slo.SloSnippets region=rules}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class PrometheusRules {
    /** The prefix of every recorded series. */
    public static final String RECORD_PREFIX = "perfkit_slo:error_ratio:rate";

    /** The alert of an SLO whose SLI has no data (see {@link #generate}). */
    public static final String ABSENT_ALERT_NAME = "SloDataAbsent";

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
            rules.add(absent(slo));
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

    /**
     * The alert for an SLI that has no data: the timer's count series is gone (the application stopped exporting,
     * the scrape broke, the meter was renamed) or, for a latency SLO, its threshold bucket was never published
     * ({@link SloMeterFilter} missing). Without it the burn-rate alerts would stay silent, which looks like health.
     */
    static String absentExpr(Slo slo) {
        String expr = "absent(sum(" + PromQl.timerBase(slo.meter()) + "_count" + PromQl.selector(slo, "") + "))";
        if (slo.kind() == Slo.Kind.LATENCY) {
            expr += "\nor\nabsent(sum(" + PromQl.timerBase(slo.meter()) + "_bucket"
                    + PromQl.selector(slo, "le=" + PromQl.quoted(PromQl.le(slo))) + "))";
        }
        return expr;
    }

    private static ObjectNode absent(Slo slo) {
        ObjectNode a = YAML.createObjectNode();
        a.put("alert", ABSENT_ALERT_NAME);
        a.put("expr", absentExpr(slo));
        Duration shortest = slo.windows().stream()
                .map(BurnRateWindow::shortWindow)
                .min(Duration::compareTo)
                .orElse(Duration.ofMinutes(5));
        a.put(
                "for",
                PromDurations.format(shortest.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : shortest));
        ObjectNode labels = a.putObject("labels");
        labels.put("slo", slo.name());
        labels.put("severity", "ticket");
        ObjectNode annotations = a.putObject("annotations");
        annotations.put("summary", "SLO " + slo.name() + " has no data");
        annotations.put(
                "description",
                "No series of " + PromQl.timerBase(slo.meter())
                        + (slo.kind() == Slo.Kind.LATENCY
                                ? " (or no bucket at the threshold " + PromQl.le(slo) + " s)"
                                : "")
                        + ": the burn-rate alerts of this SLO cannot fire.");
        return a;
    }

    private static String period(Duration period) {
        return PromDurations.format(period);
    }
}
