package dev.perfkit.metrics.slo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The samples and alert states of one SLO in a {@link BurnRateMonitor}. */
final class SloTracker {
    private static final Logger LOG = LoggerFactory.getLogger(SloTracker.class);

    private final Slo slo;
    private final SliReader reader;
    private final List<BurnRateWindow> windows;
    private final long longestMillis;
    private final long stepMillis;
    /** Samples {time, requests, errors}, oldest first; the newest is always the last read. */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    private final Map<BurnRateWindow.Severity, Alert> firing = new EnumMap<>(BurnRateWindow.Severity.class);
    private boolean warned;

    SloTracker(Slo slo, SliReader reader) {
        this.slo = slo;
        this.reader = reader;
        this.windows = slo.windows();
        long longest = 0;
        long shortest = Long.MAX_VALUE;
        for (BurnRateWindow w : windows) {
            longest = Math.max(longest, w.longWindow().toMillis());
            shortest = Math.min(shortest, w.shortWindow().toMillis());
        }
        this.longestMillis = longest;
        this.stepMillis = Math.max(1, shortest / 10);
    }

    List<Alert> evaluate(long now) {
        long[] counts = reader.read();
        if (counts == null) {
            if (!warned) {
                warned = true;
                LOG.warn(
                        "SLO '{}': timer {} has no bucket at {}; register SloMeterFilter before the timer is created",
                        slo.name(),
                        slo.meter(),
                        slo.threshold());
            }
            return List.of();
        }
        add(now, counts);
        List<Alert> changes = new ArrayList<>();
        for (BurnRateWindow.Severity severity : BurnRateWindow.Severity.values()) {
            String why = burning(severity, now);
            Alert current = firing.get(severity);
            if (why != null && current == null) {
                Alert a = Alert.firing(labels(severity), annotations(why), Instant.ofEpochMilli(now));
                firing.put(severity, a);
                changes.add(a);
            } else if (why == null && current != null) {
                firing.remove(severity);
                changes.add(current.resolved(Instant.ofEpochMilli(now)));
            }
        }
        return changes;
    }

    List<Alert> firing() {
        return List.copyOf(firing.values());
    }

    private void add(long now, long[] counts) {
        long[] last = samples.peekLast();
        if (last != null && (counts[0] < last[1] || counts[1] < last[2] || now < last[0])) {
            samples.clear(); // the counters were reset (a new registry or timer): start over
            last = null;
        }
        long[] sample = {now, counts[0], counts[1]};
        if (last != null && samples.size() >= 2) {
            Iterator<long[]> it = samples.descendingIterator();
            it.next();
            long[] beforeLast = it.next();
            if (now - beforeLast[0] < stepMillis) {
                samples.pollLast(); // keep one sample per step, plus the newest
            }
        }
        samples.addLast(sample);
        while (samples.size() > 2) {
            Iterator<long[]> it = samples.iterator();
            it.next();
            if (it.next()[0] <= now - longestMillis) {
                samples.pollFirst();
            } else {
                break;
            }
        }
    }

    /** The error ratio over the last {@code window}, from the sample at or before its start (or the oldest). */
    double errorRatio(long now, Duration window) {
        long[] newest = samples.peekLast();
        if (newest == null) {
            return 0;
        }
        long start = now - window.toMillis();
        long[] base = samples.peekFirst();
        for (long[] s : samples) {
            if (s[0] <= start) {
                base = s;
            } else {
                break;
            }
        }
        long requests = newest[1] - base[1];
        long errors = newest[2] - base[2];
        return requests <= 0 ? 0 : (double) errors / requests;
    }

    private @Nullable String burning(BurnRateWindow.Severity severity, long now) {
        for (BurnRateWindow w : windows) {
            if (w.severity() != severity) {
                continue;
            }
            double limit = w.factor() * slo.errorBudget();
            double longRatio = errorRatio(now, w.longWindow());
            double shortRatio = errorRatio(now, w.shortWindow());
            if (longRatio > limit && shortRatio > limit) {
                return String.format(
                        Locale.ROOT,
                        "error ratio %.4f over %s and %.4f over %s, above %.4f (%sx the budget of %.4f)",
                        longRatio,
                        PromDurations.format(w.longWindow()),
                        shortRatio,
                        PromDurations.format(w.shortWindow()),
                        limit,
                        w.factor(),
                        slo.errorBudget());
            }
        }
        return null;
    }

    private Map<String, String> labels(BurnRateWindow.Severity severity) {
        return Map.of(
                "alertname",
                BurnRateMonitor.ALERT_NAME,
                "slo",
                slo.name(),
                "severity",
                severity.name().toLowerCase(Locale.ROOT));
    }

    private Map<String, String> annotations(String why) {
        return Map.of("summary", "SLO " + slo.name() + " is burning its error budget", "description", why);
    }
}
