package dev.perfkit.metrics.slo;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An alert that started firing or resolved: what {@link BurnRateMonitor} and {@link LatencyRegressionDetector}
 * send to an {@link AlertSink}. Labels and annotations follow Prometheus's alerting conventions
 * ({@code alertname}, {@code severity}, {@code slo}; {@code summary}, {@code description}).
 */
public final class Alert {
    /** Whether the alert holds. */
    public enum Status {
        /** It started to hold. */
        FIRING,
        /** It stopped holding. */
        RESOLVED
    }

    private final Status status;
    private final Map<String, String> labels;
    private final Map<String, String> annotations;
    private final Instant startsAt;
    private final Instant endsAt;

    private Alert(
            Status status,
            Map<String, String> labels,
            Map<String, String> annotations,
            Instant startsAt,
            Instant endsAt) {
        this.status = status;
        this.labels = labels;
        this.annotations = annotations;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
    }

    /**
     * An alert that fires from {@code startsAt}.
     *
     * @throws IllegalArgumentException if the labels have no {@code alertname}
     */
    public static Alert firing(Map<String, String> labels, Map<String, String> annotations, Instant startsAt) {
        return new Alert(Status.FIRING, checked(labels), Map.copyOf(annotations), startsAt, Instant.EPOCH);
    }

    /** Returns this alert resolved at {@code endsAt}. */
    public Alert resolved(Instant endsAt) {
        return new Alert(Status.RESOLVED, labels, annotations, startsAt, Objects.requireNonNull(endsAt, "endsAt"));
    }

    private static Map<String, String> checked(Map<String, String> labels) {
        if (!labels.containsKey("alertname")) {
            throw new IllegalArgumentException("labels must contain alertname, but were " + labels);
        }
        return Map.copyOf(labels);
    }

    /** Returns whether it fires or resolved. */
    public Status status() {
        return status;
    }

    /** Returns the alert's name. */
    public String name() {
        return labels.getOrDefault("alertname", "");
    }

    /** Returns the labels, sorted by name. */
    public Map<String, String> labels() {
        return new TreeMap<>(labels);
    }

    /** Returns the annotations, sorted by name. */
    public Map<String, String> annotations() {
        return new TreeMap<>(annotations);
    }

    /** Returns when it started firing. */
    public Instant startsAt() {
        return startsAt;
    }

    /** Returns when it resolved; {@link Instant#EPOCH} while firing. */
    public Instant endsAt() {
        return endsAt;
    }

    @Override
    public String toString() {
        return "Alert[" + status + " " + labels() + " " + annotations() + " since " + startsAt + "]";
    }
}
