package dev.perfkit.metrics.slo;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates SLOs in process with the SRE workbook's multi-window, multi-burn-rate alerts: for each SLO an alert
 * {@code SloErrorBudgetBurn} of severity {@code page} (14.4x over 1h and 5m, or 6x over 6h and 30m, for 30 days)
 * and one of severity {@code ticket} (3x over 1d and 2h, or 1x over 3d and 6h), with windows scaled to the SLO's
 * period. An alert fires when both windows of one of its pairs burn faster than the pair's rate, and resolves when
 * no pair does any more; each change goes once to the {@link AlertSink}. The same alerts, with the same names and
 * labels, are what {@link PrometheusRules} generates.
 *
 * <p>Counts are read from the registry's timers at each {@link #evaluate()} (cumulative registries: Prometheus,
 * or Simple in its default cumulative mode; latency SLOs need {@link SloMeterFilter}). Memory per SLO is bounded:
 * samples closer than a tenth of the shortest window are not kept.
 *
 * {@snippet class=dev.perfkit.metrics.slo.SloSnippets region=monitor}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class BurnRateMonitor implements AutoCloseable {
    /** The name of every burn-rate alert, in process and in the generated rules. */
    public static final String ALERT_NAME = "SloErrorBudgetBurn";

    private static final Logger LOG = LoggerFactory.getLogger(BurnRateMonitor.class);

    private final List<SloTracker> trackers = new ArrayList<>();
    private final List<LatencyRegressionDetector> detectors;
    private final AlertSink sink;
    private final Clock clock;
    private @Nullable ScheduledExecutorService scheduler;

    private BurnRateMonitor(Builder b) {
        for (Slo slo : b.slos) {
            trackers.add(new SloTracker(slo, new SliReader(b.registry, slo)));
        }
        this.detectors = List.copyOf(b.detectors);
        this.sink = b.sink;
        this.clock = b.clock;
    }

    /** A builder reading the timers of {@code registry}. */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    /** Takes one sample of every SLO and detector and sends the alerts that changed. Never throws for a sink. */
    public synchronized void evaluate() {
        long now = clock.millis();
        for (SloTracker t : trackers) {
            for (Alert alert : t.evaluate(now)) {
                deliver(alert);
            }
        }
        for (LatencyRegressionDetector d : detectors) {
            Alert alert = d.evaluate(clock.instant());
            if (alert != null) {
                deliver(alert);
            }
        }
    }

    /** Returns the alerts firing now. */
    public synchronized List<Alert> firing() {
        List<Alert> all = new ArrayList<>();
        for (SloTracker t : trackers) {
            all.addAll(t.firing());
        }
        for (LatencyRegressionDetector d : detectors) {
            Alert a = d.firing();
            if (a != null) {
                all.add(a);
            }
        }
        return all;
    }

    /**
     * Evaluates every {@code interval} on a daemon thread until {@link #close()}.
     *
     * @throws IllegalArgumentException if the interval is under 100 ms
     * @throws IllegalStateException if already started
     */
    public synchronized BurnRateMonitor start(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException("interval must be at least 100 ms, but was " + interval);
        }
        if (scheduler != null) {
            throw new IllegalStateException("the monitor is started already");
        }
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "perfkit-slo-monitor");
            t.setDaemon(true);
            return t;
        });
        ScheduledFuture<?> unused =
                s.scheduleWithFixedDelay(this::evaluateQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = s;
        return this;
    }

    private void evaluateQuietly() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            LOG.warn("SLO evaluation failed; trying again at the next interval", e);
        }
    }

    private void deliver(Alert alert) {
        try {
            sink.send(alert);
        } catch (RuntimeException e) {
            LOG.warn("alert sink failed for {}", alert, e);
        }
    }

    /** Stops the evaluation thread, if started. */
    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
            scheduler = null;
        }
        if (s != null) {
            s.shutdownNow();
        }
    }

    /** Sets up a {@link BurnRateMonitor}. */
    public static final class Builder {
        private final MeterRegistry registry;
        private final List<Slo> slos = new ArrayList<>();
        private final List<LatencyRegressionDetector> detectors = new ArrayList<>();
        private AlertSink sink = AlertSink.logging();
        private Clock clock = Clock.systemUTC();

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * Adds SLOs to evaluate.
         *
         * @throws IllegalArgumentException if two SLOs share a name
         */
        public Builder slos(Collection<Slo> more) {
            for (Slo slo : more) {
                for (Slo s : slos) {
                    if (s.name().equals(slo.name())) {
                        throw new IllegalArgumentException("two SLOs are named '" + slo.name() + "'");
                    }
                }
                slos.add(Objects.requireNonNull(slo, "slo"));
            }
            return this;
        }

        /** Adds a regression detector evaluated at the same times. */
        public Builder detector(LatencyRegressionDetector detector) {
            detectors.add(Objects.requireNonNull(detector, "detector"));
            return this;
        }

        /** Sets where alerts go; {@link AlertSink#logging()} by default. */
        public Builder sink(AlertSink sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** Sets the clock windows are measured with; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the monitor; call {@link #evaluate()} or {@link #start(Duration)}. */
        public BurnRateMonitor build() {
            return new BurnRateMonitor(this);
        }
    }
}
