package dev.perfkit.metrics.slo;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads SLO definitions from YAML (Jackson's YAML module), the file that {@code perfkit slo rules} and
 * {@code perfkit slo dashboard} take. The format:
 *
 * <pre>{@code
 * slos:
 *   - name: checkout-latency
 *     type: latency            # or availability
 *     meter: http.server.requests
 *     tags: {uri: /checkout}   # optional: equality on each tag
 *     threshold: 300ms         # latency only
 *     objective: 99.9          # percent of good requests
 *     period: 30d              # optional, 30d by default
 *   - name: checkout-availability
 *     type: availability
 *     meter: http.server.requests
 *     tags: {uri: /checkout}
 *     errors: {tag: status, matches: "5.."}
 *     objective: 99.9
 * }</pre>
 *
 * <p>Every error names the file and the field, such as {@code slo.yaml: slos[1].objective: must be a percentage
 * between 0 and 100 (exclusive), but was 120}. Unknown fields are errors too (a typo must not silently drop a
 * threshold). Files over 1 MiB or with more than 1000 SLOs are refused.
 */
public final class SloDefinitions {
    private static final long MAX_BYTES = 1 << 20;
    private static final int MAX_SLOS = 1000;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> FIELDS =
            Set.of("name", "type", "meter", "tags", "threshold", "objective", "period", "errors");

    private SloDefinitions() {}

    /**
     * Reads the SLOs of {@code file}.
     *
     * @throws SloDefinitionException naming the file and the field when the file cannot be read or a field is
     *     wrong
     */
    public static List<Slo> load(Path file) {
        String name = file.toString();
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new SloDefinitionException(name + ": larger than 1 MiB; an SLO file is a few kilobytes");
            }
            return parse(name, Files.readString(file));
        } catch (IOException e) {
            throw new SloDefinitionException(name + ": cannot be read: " + e, e);
        }
    }

    /**
     * Reads the SLOs of {@code yaml}; {@code source} names it in messages.
     *
     * @throws SloDefinitionException naming the source and the field when a field is wrong
     */
    public static List<Slo> parse(String source, String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new SloDefinitionException(source + ": not YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("slos").isArray()) {
            throw new SloDefinitionException(source + ": slos: must be a list of SLOs at the top of the file");
        }
        Iterator<String> top = root.fieldNames();
        while (top.hasNext()) {
            String f = top.next();
            if (!f.equals("slos")) {
                throw new SloDefinitionException(source + ": " + f + ": unknown field; the file has only 'slos'");
            }
        }
        JsonNode list = root.get("slos");
        if (list.isEmpty() || list.size() > MAX_SLOS) {
            throw new SloDefinitionException(
                    source + ": slos: must hold 1 to " + MAX_SLOS + " SLOs, but held " + list.size());
        }
        List<Slo> slos = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = source + ": slos[" + i + "]";
            slos.add(one(at, list.get(i)));
        }
        try {
            checkUnique(slos);
        } catch (IllegalArgumentException e) {
            throw new SloDefinitionException(source + ": slos: " + e.getMessage(), e);
        }
        return slos;
    }

    private static Slo one(String at, JsonNode node) {
        if (!node.isObject()) {
            throw new SloDefinitionException(at + ": must be a map of name, type, meter, objective...");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!FIELDS.contains(f)) {
                throw new SloDefinitionException(
                        at + "." + f + ": unknown field; accepted: " + String.join(", ", new TreeSet<>(FIELDS)));
            }
        }
        String name = text(at, node, "name");
        Slo.Builder b;
        String type = text(at, node, "type");
        try {
            switch (type) {
                case "latency":
                    b = Slo.latency(name);
                    break;
                case "availability":
                    b = Slo.availability(name);
                    break;
                default:
                    throw new SloDefinitionException(
                            at + ".type: must be latency or availability, but was '" + type + "'");
            }
        } catch (IllegalArgumentException e) {
            throw new SloDefinitionException(at + ".name: " + e.getMessage(), e);
        }
        field(at, "meter", () -> b.meter(text(at, node, "meter")));
        JsonNode tags = node.path("tags");
        if (!tags.isMissingNode()) {
            if (!tags.isObject()) {
                throw new SloDefinitionException(at + ".tags: must be a map of tag to value");
            }
            for (Map.Entry<String, JsonNode> e : tags.properties()) {
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw new SloDefinitionException(at + ".tags." + e.getKey() + ": must be a value");
                }
                field(
                        at,
                        "tags." + e.getKey(),
                        () -> b.tag(e.getKey(), e.getValue().asText()));
            }
        }
        JsonNode objective = node.path("objective");
        if (!objective.isNumber()) {
            throw new SloDefinitionException(at + ".objective: required, a percentage such as 99.9");
        }
        double percent = objective.asDouble();
        if (!(percent > 0 && percent < 100)) {
            throw new SloDefinitionException(at
                    + ".objective: must be a percentage between 0 and 100 (exclusive), but was " + objective.asText());
        }
        b.objective(new BigDecimal(objective.asText()).movePointLeft(2).doubleValue());
        if (node.has("period")) {
            field(at, "period", () -> b.period(PromDurations.parse("period", text(at, node, "period"))));
        }
        if (node.has("threshold")) {
            field(at, "threshold", () -> b.threshold(PromDurations.parse("threshold", text(at, node, "threshold"))));
        }
        if (node.has("errors")) {
            JsonNode errors = node.get("errors");
            if (!errors.isObject()) {
                throw new SloDefinitionException(at + ".errors: must be a map with tag and matches");
            }
            field(
                    at,
                    "errors",
                    () -> b.errors(text(at + ".errors", errors, "tag"), text(at + ".errors", errors, "matches")));
        }
        try {
            return b.build();
        } catch (IllegalStateException e) {
            String message = String.valueOf(e.getMessage());
            String missing = message.substring(message.lastIndexOf(' ') + 1);
            throw new SloDefinitionException(at + "." + missing + ": required for a " + type + " SLO", e);
        }
    }

    private static String text(String at, JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isValueNode() || v.isNull() || v.asText().isBlank()) {
            throw new SloDefinitionException(at + "." + field + ": required, a non-empty value");
        }
        return v.asText();
    }

    private static void field(String at, String field, Runnable set) {
        try {
            set.run();
        } catch (IllegalArgumentException e) {
            throw new SloDefinitionException(at + "." + field + ": " + e.getMessage(), e);
        }
    }

    /** Checks that {@code slos} is not empty and has no repeated name. */
    static void checkUnique(List<Slo> slos) {
        if (slos.isEmpty()) {
            throw new IllegalArgumentException("at least one SLO is needed");
        }
        Set<String> seen = new HashSet<>();
        for (Slo s : slos) {
            if (!seen.add(s.name())) {
                throw new IllegalArgumentException("two SLOs are named '" + s.name() + "'");
            }
        }
    }
}
