package dev.perfkit.benchmarks.demo;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo's perf-metrics wiring with the real BurnRateMonitor on wall time: slow requests page, fast ones resolve
 * the page alert and do not page again; and the check that reads the timeline.
 */
class DemoMetricsTest {
    @Test
    void slowRequestsPageAndFastOnesResolveIt() throws Exception {
        try (DemoMetrics metrics = new DemoMetrics()) {
            Filter timer = metrics.requestTimer();
            metrics.stepStarted("plain", Duration.ZERO);
            load(timer, DemoMetrics.THRESHOLD.toMillis() + 10, 6_000);
            metrics.stepStarted("perf-db", Duration.ofMillis(200));
            load(timer, 0, 5_000);
            List<DemoMetrics.AlertEvent> events = metrics.events();
            assertThat(events)
                    .as("%s", events)
                    .anyMatch(e -> e.step().equals("plain")
                            && e.severity().equals("page")
                            && e.status().equals("FIRING"))
                    .anyMatch(e -> e.step().equals("perf-db")
                            && e.severity().equals("page")
                            && e.status().equals("RESOLVED"));
            assertThat(metrics.check("plain")).isEmpty();
        }
    }

    @Test
    void requestsOutsideAStepsMeasuredPartAreNotCounted() throws Exception {
        try (DemoMetrics metrics = new DemoMetrics()) {
            Filter timer = metrics.requestTimer();
            load(timer, 0, 300); // before any step
            metrics.stepStarted("plain", Duration.ofSeconds(60)); // all of it warm-up
            load(timer, 0, 300);
            assertThat(metrics.counted()).isZero();
            metrics.stepStarted("perf-db", Duration.ZERO);
            load(timer, 0, 300);
            long measured = metrics.counted();
            assertThat(measured).isPositive();
            metrics.stepEnded();
            load(timer, 0, 300);
            assertThat(metrics.counted()).isEqualTo(measured);
        }
    }

    @Test
    void theRunFailsWhenPlainDidNotPageAndALaterPageIsReported() {
        List<DemoMetrics.AlertEvent> quiet = List.of(new DemoMetrics.AlertEvent(3, "plain", "ticket", "FIRING"));
        assertThat(DemoMetrics.check(quiet, "plain", "slo"))
                .singleElement()
                .asString()
                .contains("did not fire");
        List<DemoMetrics.AlertEvent> late = List.of(
                new DemoMetrics.AlertEvent(3, "plain", "page", "FIRING"),
                new DemoMetrics.AlertEvent(9, "perf-db", "page", "RESOLVED"),
                new DemoMetrics.AlertEvent(30, "perf-cache", "page", "FIRING"));
        assertThat(DemoMetrics.check(late, "plain", "slo")).isEmpty();
        assertThat(DemoMetrics.warnings(late, "plain"))
                .singleElement()
                .asString()
                .contains("fired again during perf-cache");
    }

    /** Four clients sending requests that each take {@code millis} for {@code forMillis}. */
    private static void load(Filter timer, long millis, long forMillis) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(forMillis);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            running.add(clients.submit(() -> {
                while (System.nanoTime() < end) {
                    timer.doFilter(null, null, (request, response) -> {
                        if (millis > 0) {
                            try {
                                Thread.sleep(millis);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        } else {
                            Thread.onSpinWait();
                        }
                    });
                    if (millis == 0) {
                        Thread.sleep(1); // a fast request every millisecond per client
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get(30, TimeUnit.SECONDS);
        }
        clients.shutdownNow();
    }
}
