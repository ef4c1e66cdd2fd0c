package dev.perfkit.metrics.slo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A service-level objective over a Micrometer timer: either <em>latency</em> (the share of requests faster than a
 * threshold) or <em>availability</em> (the share of requests whose error tag does not match), with a target and a
 * period (30 days unless set). The same definition drives the in-process {@link BurnRateMonitor}, the Prometheus
 * rules and the Grafana dashboard.
 *
 * <p>A latency SLO is exact only if the timer publishes a histogram bucket at the threshold: register
 * {@link SloMeterFilter} with the registry, which adds each threshold as a {@code serviceLevelObjectives} bucket
 * (and switches on no percentile).
 *
 * {@snippet class=dev.perfkit.metrics.slo.SloSnippets region=basic}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class Slo {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern METER = Pattern.compile("[a-zA-Z][a-zA-Z0-9._]{0,199}");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z][a-zA-Z0-9._]{0,99}");

    /** What an SLO measures. */
    public enum Kind {
        /** The share of requests faster than {@link #threshold()}. */
        LATENCY,
        /** The share of requests whose {@link #errorTag()} does not match {@link #errorValues()}. */
        AVAILABILITY
    }

    private final String name;
    private final Kind kind;
    private final String meter;
    private final Map<String, String> tags;
    private final double objective;
    private final Duration period;
    private final @Nullable Duration threshold;
    private final @Nullable String errorTag;
    private final @Nullable String errorValues;

    private Slo(Builder b, @Nullable Duration threshold, @Nullable String errorTag, @Nullable String errorValues) {
        this.name = b.name;
        this.kind = b.kind;
        this.meter = Objects.requireNonNull(b.meter);
        this.tags = Map.copyOf(b.tags);
        this.objective = b.objective;
        this.period = b.period;
        this.threshold = threshold;
        this.errorTag = errorTag;
        this.errorValues = errorValues;
    }

    /**
     * Starts a latency SLO.
     *
     * @param name lower-case letters, digits, '-' and '_', starting with a letter, at most 63 characters
     * @throws IllegalArgumentException if the name is not of that form
     */
    public static Builder latency(String name) {
        return new Builder(name, Kind.LATENCY);
    }

    /**
     * Starts an availability SLO.
     *
     * @param name lower-case letters, digits, '-' and '_', starting with a letter, at most 63 characters
     * @throws IllegalArgumentException if the name is not of that form
     */
    public static Builder availability(String name) {
        return new Builder(name, Kind.AVAILABILITY);
    }

    /** Returns the SLO's name (a label value of every rule and alert). */
    public String name() {
        return name;
    }

    /** Returns what it measures. */
    public Kind kind() {
        return kind;
    }

    /** Returns the Micrometer name of the timer the SLI is computed from. */
    public String meter() {
        return meter;
    }

    /** Returns the tags that select the timer's series (equality on each), sorted by key. */
    public Map<String, String> tags() {
        return new TreeMap<>(tags);
    }

    /** Returns the target share of good requests, such as 0.999. */
    public double objective() {
        return objective;
    }

    /** Returns the share of requests that may fail within the period: 1 - objective. */
    public double errorBudget() {
        // decimal arithmetic, so 99.9% gives a budget of 0.001 and not 0.0010000000000000009
        return BigDecimal.ONE
                .subtract(new BigDecimal(Double.toString(objective)))
                .doubleValue();
    }

    /** Returns the period the objective holds over. */
    public Duration period() {
        return period;
    }

    /** Returns the latency threshold; for a latency SLO only. */
    public Duration threshold() {
        if (threshold == null) {
            throw new IllegalStateException("availability SLO '" + name + "' has no threshold");
        }
        return threshold;
    }

    /** Returns the tag whose value tells an error; for an availability SLO only. */
    public String errorTag() {
        if (errorTag == null) {
            throw new IllegalStateException("latency SLO '" + name + "' has no error tag");
        }
        return errorTag;
    }

    /** Returns the regular expression (whole value) of the error tag's error values; availability only. */
    public String errorValues() {
        if (errorValues == null) {
            throw new IllegalStateException("latency SLO '" + name + "' has no error values");
        }
        return errorValues;
    }

    /** Returns the window pairs of its burn-rate alerts, scaled to its period. */
    public List<BurnRateWindow> windows() {
        return BurnRateWindow.forPeriod(period);
    }

    @Override
    public String toString() {
        return "Slo[" + name + ", " + kind + " of " + meter + tags + ", objective " + objective + " over " + period
                + (threshold != null ? ", under " + threshold : "")
                + (errorTag != null ? ", errors " + errorTag + "=~" + errorValues : "") + "]";
    }

    /**
     * Sets up an {@link Slo}; each setter checks its value at once. Obtained from {@link Slo#latency} or
     * {@link Slo#availability}.
     */
    public static final class Builder {
        private final String name;
        private final Kind kind;
        private @Nullable String meter;
        private final Map<String, String> tags = new TreeMap<>();
        private double objective = Double.NaN;
        private Duration period = Duration.ofDays(30);
        private @Nullable Duration threshold;
        private @Nullable String errorTag;
        private @Nullable String errorValues;

        private Builder(String name, Kind kind) {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("SLO name must be lower-case letters, digits, '-' or '_', starting"
                        + " with a letter, at most 63 characters, but was '" + name + "'");
            }
            this.name = name;
            this.kind = kind;
        }

        /**
         * Sets the Micrometer timer, such as {@code http.server.requests}.
         *
         * @throws IllegalArgumentException if it is not a meter name (letters, digits, '.', '_')
         */
        public Builder meter(String meter) {
            Objects.requireNonNull(meter, "meter");
            if (!METER.matcher(meter).matches()) {
                throw new IllegalArgumentException("meter must be a Micrometer name (letters, digits, '.', '_',"
                        + " starting with a letter), but was '" + meter + "'");
            }
            this.meter = meter;
            return this;
        }

        /**
         * Selects the timer's series whose tag {@code key} equals {@code value}.
         *
         * @throws IllegalArgumentException if the key is not a tag name, or the value is empty or has a quote,
         *     backslash or line break
         */
        public Builder tag(String key, String value) {
            this.tags.put(checkedTag("tag", key), checkedValue("tag " + key, value));
            return this;
        }

        /**
         * Sets the target share of good requests.
         *
         * @throws IllegalArgumentException unless 0 &lt; objective &lt; 1
         */
        public Builder objective(double objective) {
            if (!(objective > 0 && objective < 1)) {
                throw new IllegalArgumentException(
                        "objective must be a share between 0 and 1 (exclusive), such as 0.999, but was " + objective);
            }
            this.objective = objective;
            return this;
        }

        /**
         * Sets the period; 30 days by default. Burn-rate windows scale with it.
         *
         * @throws IllegalArgumentException unless 1 hour to 400 days
         */
        public Builder period(Duration period) {
            Objects.requireNonNull(period, "period");
            if (period.compareTo(Duration.ofHours(1)) < 0 || period.compareTo(Duration.ofDays(400)) > 0) {
                throw new IllegalArgumentException("period must be 1 hour to 400 days, but was " + period);
            }
            this.period = period;
            return this;
        }

        /**
         * Sets the latency threshold (latency SLOs).
         *
         * @throws IllegalArgumentException if not positive, or for an availability SLO
         */
        public Builder threshold(Duration threshold) {
            Objects.requireNonNull(threshold, "threshold");
            if (kind != Kind.LATENCY) {
                throw new IllegalArgumentException("threshold is for latency SLOs; '" + name + "' is availability");
            }
            if (threshold.isNegative() || threshold.isZero() || threshold.toNanos() % 1000 != 0) {
                throw new IllegalArgumentException(
                        "threshold must be positive, in whole microseconds, but was " + threshold);
            }
            this.threshold = threshold;
            return this;
        }

        /**
         * Counts a request as an error when its tag {@code tag} matches {@code values} (a whole-value regular
         * expression, such as {@code 5..} for the status tag); availability SLOs.
         *
         * @throws IllegalArgumentException if the tag is not a tag name, the expression is empty, has a quote or
         *     does not compile, or for a latency SLO
         */
        public Builder errors(String tag, String values) {
            if (kind != Kind.AVAILABILITY) {
                throw new IllegalArgumentException("errors are for availability SLOs; '" + name + "' is latency");
            }
            String key = checkedTag("errors.tag", tag);
            Objects.requireNonNull(values, "values");
            if (values.isEmpty() || values.indexOf('"') >= 0 || values.indexOf('\n') >= 0) {
                throw new IllegalArgumentException(
                        "errors.matches must be a non-empty regular expression without quotes, but was '" + values
                                + "'");
            }
            try {
                Pattern.compile(values);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "errors.matches must be a regular expression, but '" + values + "' is not: "
                                + e.getDescription(),
                        e);
            }
            this.errorTag = key;
            this.errorValues = values;
            return this;
        }

        /**
         * Builds the SLO.
         *
         * @throws IllegalStateException naming what is missing: the meter, the objective, the threshold of a
         *     latency SLO or the errors of an availability SLO
         */
        public Slo build() {
            String missing = meter == null
                    ? "meter"
                    : Double.isNaN(objective)
                            ? "objective"
                            : kind == Kind.LATENCY && threshold == null
                                    ? "threshold"
                                    : kind == Kind.AVAILABILITY && errorTag == null ? "errors" : null;
            if (missing != null) {
                throw new IllegalStateException("SLO '" + name + "' needs " + missing);
            }
            return new Slo(this, threshold, errorTag, errorValues);
        }

        private static String checkedTag(String what, String key) {
            Objects.requireNonNull(key, what);
            if (!TAG.matcher(key).matches()) {
                throw new IllegalArgumentException(
                        what + " must be a tag name (letters, digits, '.', '_'), but was '" + key + "'");
            }
            return key;
        }

        private static String checkedValue(String what, String value) {
            Objects.requireNonNull(value, what);
            if (value.isEmpty()
                    || value.length() > 200
                    || value.indexOf('"') >= 0
                    || value.indexOf('\\') >= 0
                    || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException(what
                        + " must be 1 to 200 characters without quote, backslash or line break, but was '" + value
                        + "'");
            }
            return value;
        }
    }
}
