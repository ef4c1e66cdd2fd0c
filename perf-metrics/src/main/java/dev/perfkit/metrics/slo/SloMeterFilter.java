package dev.perfkit.metrics.slo;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Publishes each latency SLO's threshold as a histogram bucket ({@code serviceLevelObjectives}) of its timer, so
 * the SLI is an exact count rather than an estimate from percentiles; it switches on no percentile and keeps the
 * buckets the application configured itself. Register it before the timers are created.
 *
 * <p>The buckets' counts are made cumulative (a histogram expiry of ten years), which {@link BurnRateMonitor}
 * needs to read them in process and which is what Prometheus's registry does anyway; the timer's max then covers
 * the same expiry.
 *
 * {@snippet class=dev.perfkit.metrics.slo.SloSnippets region=basic}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class SloMeterFilter implements MeterFilter {
    private static final Duration FOREVER = Duration.ofDays(3650);

    private final Map<String, double[]> bucketsByMeter;

    private SloMeterFilter(Map<String, double[]> bucketsByMeter) {
        this.bucketsByMeter = bucketsByMeter;
    }

    /** A filter for the latency SLOs among {@code slos} (availability SLOs need no bucket). */
    public static SloMeterFilter of(Collection<Slo> slos) {
        Map<String, TreeSet<Double>> byMeter = new HashMap<>();
        for (Slo slo : slos) {
            if (slo.kind() == Slo.Kind.LATENCY) {
                byMeter.computeIfAbsent(slo.meter(), m -> new TreeSet<>())
                        .add((double) slo.threshold().toNanos());
            }
        }
        Map<String, double[]> buckets = new HashMap<>();
        byMeter.forEach((meter, set) ->
                buckets.put(meter, set.stream().mapToDouble(Double::doubleValue).toArray()));
        return new SloMeterFilter(buckets);
    }

    @Override
    public @Nullable DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        double[] ours = bucketsByMeter.get(id.getName());
        if (ours == null || id.getType() != Meter.Type.TIMER) {
            return config;
        }
        TreeSet<Double> all = new TreeSet<>();
        for (double b : ours) {
            all.add(b);
        }
        double[] theirs = config.getServiceLevelObjectiveBoundaries();
        if (theirs != null) {
            for (double b : theirs) {
                all.add(b);
            }
        }
        return DistributionStatisticConfig.builder()
                .serviceLevelObjectives(
                        all.stream().mapToDouble(Double::doubleValue).toArray())
                .expiry(FOREVER)
                .bufferLength(1)
                .build()
                .merge(config);
    }
}
