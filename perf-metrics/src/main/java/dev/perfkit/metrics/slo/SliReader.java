package dev.perfkit.metrics.slo;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads an SLO's cumulative request and error counts from the timers of a registry. */
final class SliReader {
    private final MeterRegistry registry;
    private final Slo slo;
    private final List<Tag> tags = new ArrayList<>();
    private final @Nullable Pattern errors;
    private final double thresholdNanos;

    SliReader(MeterRegistry registry, Slo slo) {
        this.registry = registry;
        this.slo = slo;
        slo.tags().forEach((k, v) -> tags.add(Tag.of(k, v)));
        this.errors = slo.kind() == Slo.Kind.AVAILABILITY ? Pattern.compile(slo.errorValues()) : null;
        this.thresholdNanos = slo.kind() == Slo.Kind.LATENCY ? slo.threshold().toNanos() : Double.NaN;
    }

    /**
     * Returns {requests, errors} so far, or null when a latency SLO's timer has traffic but no bucket at the
     * threshold (the {@link SloMeterFilter} is missing).
     */
    long @Nullable [] read() {
        Collection<Timer> timers = registry.find(slo.meter()).tags(tags).timers();
        long total = 0;
        long bad = 0;
        for (Timer t : timers) {
            long count = t.count();
            total += count;
            if (errors != null) {
                String value = t.getId().getTag(slo.errorTag());
                if (value != null && errors.matcher(value).matches()) {
                    bad += count;
                }
            } else if (count > 0) {
                double good = goodCount(t);
                if (Double.isNaN(good)) {
                    return null;
                }
                bad += count - (long) good;
            }
        }
        return new long[] {total, bad};
    }

    private double goodCount(Timer t) {
        for (CountAtBucket b : t.takeSnapshot().histogramCounts()) {
            if (b.bucket() == thresholdNanos) {
                return b.count();
            }
        }
        return Double.NaN;
    }
}
