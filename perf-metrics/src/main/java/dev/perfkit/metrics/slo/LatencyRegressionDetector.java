package dev.perfkit.metrics.slo;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A cheap detector for a latency that has no SLO: an exponentially weighted moving average (EWMA) of the mean
 * latency per evaluation interval is the baseline; when the interval's mean exceeds the baseline by more than the
 * tolerance in {@code consecutive} intervals in a row, the alert {@code LatencyRegression} fires, and it resolves
 * after as many intervals back under. The baseline learns only from normal intervals (not while an interval is
 * above it), so a regression does not become the new normal; intervals without traffic are skipped.
 *
 * {@snippet class=dev.perfkit.metrics.slo.SloSnippets region=detector}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class LatencyRegressionDetector {
    /** The name of its alert. */
    public static final String ALERT_NAME = "LatencyRegression";

    private static final Pattern METER = Pattern.compile("[a-zA-Z][a-zA-Z0-9._]{0,199}");

    private final MeterRegistry registry;
    private final String meter;
    private final List<Tag> tags;
    private final double tolerance;
    private final double alpha;
    private final int warmup;
    private final int consecutive;

    private long lastCount = -1;
    private double lastNanos;
    private double baseline = Double.NaN;
    private int learned;
    private int above;
    private int below;
    private @Nullable Alert firing;

    private LatencyRegressionDetector(Builder b) {
        this.registry = b.registry;
        this.meter = b.meter;
        this.tags = List.copyOf(b.tags);
        this.tolerance = b.tolerance;
        this.alpha = b.alpha;
        this.warmup = b.warmup;
        this.consecutive = b.consecutive;
    }

    /**
     * A builder watching the timer {@code meter} of {@code registry} (all its series summed, or those with the
     * tags given to the builder).
     *
     * @throws IllegalArgumentException if {@code meter} is not a Micrometer name
     */
    public static Builder builder(MeterRegistry registry, String meter) {
        return new Builder(registry, meter);
    }

    /** Returns the baseline mean latency in nanoseconds, NaN until the first interval with traffic. */
    public synchronized double baselineNanos() {
        return baseline;
    }

    /** Returns the alert firing now, if any. */
    public synchronized @Nullable Alert firing() {
        return firing;
    }

    /**
     * Reads the timer and updates the state; returns the alert that started or resolved, if any.
     *
     * @param now the time of this evaluation, for the alert
     */
    public synchronized @Nullable Alert evaluate(Instant now) {
        long count = 0;
        double nanos = 0;
        for (Timer t : registry.find(meter).tags(tags).timers()) {
            count += t.count();
            nanos += t.totalTime(TimeUnit.NANOSECONDS);
        }
        if (lastCount < 0 || count < lastCount) {
            lastCount = count;
            lastNanos = nanos;
            return null;
        }
        long requests = count - lastCount;
        double mean = requests == 0 ? Double.NaN : (nanos - lastNanos) / requests;
        lastCount = count;
        lastNanos = nanos;
        if (Double.isNaN(mean)) {
            return null;
        }
        boolean high = learned >= warmup && mean > baseline * (1 + tolerance);
        if (high) {
            above++;
            below = 0;
        } else {
            below++;
            above = 0;
            baseline = Double.isNaN(baseline) ? mean : baseline + alpha * (mean - baseline);
            learned++;
        }
        if (firing == null && above >= consecutive) {
            firing = Alert.firing(
                    Map.of("alertname", ALERT_NAME, "meter", meter, "severity", "ticket"),
                    Map.of(
                            "summary",
                            "Latency of " + meter + " regressed",
                            "description",
                            String.format(
                                    Locale.ROOT,
                                    "mean %.3f ms in %d intervals in a row, baseline %.3f ms, tolerance %.0f%%",
                                    mean / 1e6,
                                    consecutive,
                                    baseline / 1e6,
                                    tolerance * 100)),
                    now);
            return firing;
        }
        Alert current = firing;
        if (current != null && below >= consecutive) {
            firing = null;
            return current.resolved(now);
        }
        return null;
    }

    /** Sets up a {@link LatencyRegressionDetector}; each setter checks its value at once. */
    public static final class Builder {
        private final MeterRegistry registry;
        private final String meter;
        private final List<Tag> tags = new ArrayList<>();
        private double tolerance = 0.5;
        private double alpha = 0.1;
        private int warmup = 10;
        private int consecutive = 3;

        private Builder(MeterRegistry registry, String meter) {
            this.registry = Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(meter, "meter");
            if (!METER.matcher(meter).matches()) {
                throw new IllegalArgumentException("meter must be a Micrometer name, but was '" + meter + "'");
            }
            this.meter = meter;
        }

        /** Watches only the series with this tag. */
        public Builder tag(String key, String value) {
            tags.add(Tag.of(key, value));
            return this;
        }

        /**
         * Sets how far above the baseline an interval's mean must be, as a share (0.5: 50% slower); 0.5 by default.
         *
         * @throws IllegalArgumentException unless 0.01 to 100
         */
        public Builder tolerance(double tolerance) {
            if (!(tolerance >= 0.01 && tolerance <= 100)) {
                throw new IllegalArgumentException("tolerance must be 0.01 to 100, but was " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /**
         * Sets the EWMA weight of a new interval (0.1 by default) and the intervals learnt before alerting (10).
         *
         * @throws IllegalArgumentException unless 0 &lt; alpha &le; 1 and warmup 1 to 10000
         */
        public Builder smoothing(double alpha, int warmup) {
            if (!(alpha > 0 && alpha <= 1)) {
                throw new IllegalArgumentException("alpha must be in (0, 1], but was " + alpha);
            }
            if (warmup < 1 || warmup > 10_000) {
                throw new IllegalArgumentException("warmup must be 1 to 10000, but was " + warmup);
            }
            this.alpha = alpha;
            this.warmup = warmup;
            return this;
        }

        /**
         * Sets how many intervals in a row fire or resolve the alert; 3 by default.
         *
         * @throws IllegalArgumentException unless 1 to 1000
         */
        public Builder consecutive(int intervals) {
            if (intervals < 1 || intervals > 1000) {
                throw new IllegalArgumentException("consecutive must be 1 to 1000, but was " + intervals);
            }
            this.consecutive = intervals;
            return this;
        }

        /** Builds the detector. */
        public LatencyRegressionDetector build() {
            return new LatencyRegressionDetector(this);
        }
    }
}
