package dev.perfkit.benchmarks.demo;

import dev.perfkit.metrics.slo.Alert;
import dev.perfkit.metrics.slo.BurnRateMonitor;
import dev.perfkit.metrics.slo.Slo;
import dev.perfkit.metrics.slo.SloMeterFilter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * perf-metrics in the demo: one latency SLO over the shop's own request timer, watched by a {@link BurnRateMonitor}
 * for the whole run, and each step's perfkit meters read from a registry of its own.
 *
 * <p>The SLO is what a team would write for this API: 99% of requests within {@link #THRESHOLD}. Its period is one
 * hour (the shortest perf-metrics takes), so the SRE workbook's page windows scale to 5 s and 0.4 s (14.4x) and to
 * 30 s and 2.5 s (6x): the plain step burns the budget fast enough to page, and the alert must resolve and stay
 * quiet once perfkit is on. The ticket alert's windows (2 min and 10 s; 6 min and 30 s) still hold the plain step's
 * bad minutes for a while, as they would in production; the timeline shows both.
 */
final class DemoMetrics implements AutoCloseable {
    static final String REQUESTS = "demo.http.server.requests";
    static final Duration THRESHOLD = Duration.ofMillis(25);
    static final String SLO_NAME = "shop-latency";

    /** One change of an alert, at a time since the run started, during a step. */
    record AlertEvent(double atSeconds, String step, String severity, String status) {
        String describe() {
            return String.format(
                    Locale.ROOT, "%7.1f s  %-17s %-7s %s", atSeconds, step, severity, status.toLowerCase(Locale.ROOT));
        }
    }

    /** When a step's load started, since the run started. */
    record StepMark(double atSeconds, String step) {}

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Slo slo;
    private final Timer requests;
    private final BurnRateMonitor monitor;
    private final long startedNanos = System.nanoTime();
    private final List<AlertEvent> events = new CopyOnWriteArrayList<>();
    private final List<StepMark> marks = new CopyOnWriteArrayList<>();
    private volatile String step = "setup";
    /** Requests are timed from this {@link System#nanoTime()} on; never between steps. */
    private volatile long countFrom = Long.MAX_VALUE;

    private final ScheduledExecutorService scrapes = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "demo-metrics-scrape");
        t.setDaemon(true);
        return t;
    });

    DemoMetrics() {
        slo = Slo.latency(SLO_NAME)
                .meter(REQUESTS)
                .threshold(THRESHOLD)
                .objective(0.99)
                .period(Duration.ofHours(1))
                .build();
        registry.config().meterFilter(SloMeterFilter.of(List.of(slo)));
        requests = Timer.builder(REQUESTS)
                .description("requests the shop answered, as its servlet container saw them")
                .register(registry);
        monitor = BurnRateMonitor.builder(registry)
                .slos(List.of(slo))
                .sink(this::record)
                .build()
                .start(Duration.ofMillis(250));
    }

    private void record(Alert alert) {
        double at = seconds();
        events.add(new AlertEvent(
                at,
                step,
                alert.labels().getOrDefault("severity", "?"),
                alert.status().name()));
    }

    private double seconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /**
     * Marks the start of a step's load: alerts from now on belong to it, and requests count for the SLO once
     * {@code warmup} has passed (a freshly started instance's JIT, pools and caches are not what the SLO is about).
     */
    void stepStarted(String name, Duration warmup) {
        monitor.evaluate(); // an alert that changed before the boundary belongs to the step before
        step = name;
        marks.add(new StepMark(seconds(), name));
        countFrom = System.nanoTime() + warmup.toNanos();
    }

    /** Stops counting requests until the next step's load starts. */
    void stepEnded() {
        countFrom = Long.MAX_VALUE;
    }

    /** A servlet filter timing every request of an instance, outermost, so cached answers count too. */
    Filter requestTimer() {
        return new Filter() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                long start = System.nanoTime();
                try {
                    chain.doFilter(request, response);
                } finally {
                    if (start - countFrom >= 0) {
                        requests.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    }
                }
            }
        };
    }

    /**
     * Runs {@code refresh} every second until the returned handle is closed, as a Prometheus scrape would read the
     * meters (perf-metrics' statement timers admit a fingerprint when a snapshot sees it).
     */
    AutoCloseable scrapeEverySecond(Runnable refresh) {
        ScheduledFuture<?> task = scrapes.scheduleAtFixedRate(refresh, 1, 1, TimeUnit.SECONDS);
        return () -> task.cancel(false);
    }

    /** How many requests the SLO's timer has counted. */
    long counted() {
        return requests.count();
    }

    /** The SLO in one line. */
    String describeSlo() {
        return String.format(
                Locale.ROOT,
                "SLO %s: %.0f%% of requests within %d ms (timer %s, each step's warm-up not counted), period %s;"
                        + " burn-rate windows scaled from 30 days",
                SLO_NAME,
                slo.objective() * 100,
                THRESHOLD.toMillis(),
                REQUESTS,
                "1h");
    }

    List<AlertEvent> events() {
        monitor.evaluate();
        return List.copyOf(events);
    }

    List<StepMark> marks() {
        return List.copyOf(marks);
    }

    /** What must hold for the run to count: the page alert fired during the plain step. */
    List<String> check(String plain) {
        return check(events(), plain, describeSlo());
    }

    static List<String> check(List<AlertEvent> events, String plain, String slo) {
        boolean firedInPlain = events.stream()
                .anyMatch(e -> e.step().equals(plain)
                        && e.severity().equals("page")
                        && e.status().equals("FIRING"));
        return firedInPlain ? List.of() : List.of("the SLO page alert did not fire during " + plain + " (" + slo + ")");
    }

    /**
     * What the report points out without failing the run: a page alert that started after the plain step. On a
     * quiet machine there is none; on a loaded one a step's tail latency can cross the threshold for seconds, and
     * the report says so rather than hiding it.
     */
    static List<String> warnings(List<AlertEvent> events, String plain) {
        return events.stream()
                .filter(e -> !e.step().equals(plain) && !e.step().equals("setup"))
                .filter(e -> e.severity().equals("page") && e.status().equals("FIRING"))
                .map(e -> String.format(
                        Locale.ROOT,
                        "the page alert fired again during %s at %.1f s (see that step's p99)",
                        e.step(),
                        e.atSeconds()))
                .toList();
    }

    /**
     * Returns the perfkit meters of {@code stepRegistry} that counted something, one line each, largest first,
     * at most {@code limit} of them.
     */
    static List<String> summarize(MeterRegistry stepRegistry, int limit) {
        List<String[]> rows = new ArrayList<>();
        for (Meter meter : stepRegistry.getMeters()) {
            Meter.Id id = meter.getId();
            if (!id.getName().startsWith("perfkit.")) {
                continue;
            }
            TreeMap<String, Double> values = new TreeMap<>();
            for (Measurement m : meter.measure()) {
                values.put(m.getStatistic().getTagValueRepresentation(), m.getValue());
            }
            double main = values.getOrDefault("count", values.getOrDefault("value", 0.0));
            if (!(main > 0) || Double.isInfinite(main)) {
                continue;
            }
            String tags = id.getTags().stream()
                    .map(t -> t.getKey() + "=" + t.getValue())
                    .collect(Collectors.joining(
                            ",", id.getTags().isEmpty() ? "" : "{", id.getTags().isEmpty() ? "" : "}"));
            String total = values.containsKey("total")
                    ? String.format(Locale.ROOT, ", %.1f ms total", values.get("total") * 1e3)
                    : "";
            rows.add(new String[] {
                String.format(Locale.ROOT, "%015.0f", main),
                String.format(Locale.ROOT, "  %s%s %,.0f%s", id.getName(), tags, main, total)
            });
        }
        return rows.stream()
                .sorted(Comparator.comparing((String[] r) -> r[0]).reversed())
                .limit(limit)
                .map(r -> r[1])
                .toList();
    }

    @Override
    public void close() {
        scrapes.shutdownNow();
        monitor.close();
        registry.close();
    }
}
