package dev.perfkit.metrics.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Multi-window, multi-burn-rate alerts with a controllable clock: one evaluation per simulated minute. */
class BurnRateMonitorTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock();
    private final List<Alert> sent = new ArrayList<>();
    private final Slo availability = Slo.availability("checkout")
            .meter("http.server.requests")
            .tag("uri", "/checkout")
            .errors("status", "5..")
            .objective(0.999)
            .build();

    private BurnRateMonitor monitor(Slo slo) {
        registry.config().meterFilter(SloMeterFilter.of(List.of(slo)));
        return BurnRateMonitor.builder(registry)
                .slos(List.of(slo))
                .sink(sent::add)
                .clock(clock)
                .build();
    }

    /** One minute of traffic: {@code requests} requests of which {@code errors} are 500s; then an evaluation. */
    private void minute(BurnRateMonitor monitor, int requests, int errors) {
        Timer ok = Timer.builder("http.server.requests")
                .tags("uri", "/checkout", "status", "200")
                .register(registry);
        Timer failed = Timer.builder("http.server.requests")
                .tags("uri", "/checkout", "status", "500")
                .register(registry);
        for (int i = 0; i < requests - errors; i++) {
            ok.record(Duration.ofMillis(20));
        }
        for (int i = 0; i < errors; i++) {
            failed.record(Duration.ofMillis(20));
        }
        clock.advance(MINUTE);
        monitor.evaluate();
    }

    private List<String> firing(BurnRateMonitor monitor) {
        return monitor.firing().stream()
                .map(a -> a.labels().get("severity"))
                .sorted()
                .toList();
    }

    @Test
    void aSteadyLoadInsideTheObjectiveNeverFiresOverFourDays() {
        BurnRateMonitor monitor = monitor(availability);
        for (int m = 0; m < 4 * 24 * 60; m++) {
            minute(monitor, 100, m % 20 == 0 ? 1 : 0); // 0.05% errors, half the budget
        }
        assertThat(sent).isEmpty();
    }

    @Test
    void aFivePercentBurnPagesWhenTheHourWindowCrossesFourteenPointFourTimesTheBudget() {
        BurnRateMonitor monitor = monitor(availability);
        for (int m = 0; m < 3 * 24 * 60; m++) { // three clean days: the 3d window is full
            minute(monitor, 100, 0);
        }
        int pagedAt = -1;
        int ticketAt = -1;
        for (int m = 1; m <= 100; m++) {
            minute(monitor, 100, 5);
            if (pagedAt < 0 && firing(monitor).contains("page")) {
                pagedAt = m;
            }
            if (ticketAt < 0 && firing(monitor).contains("ticket")) {
                ticketAt = m;
            }
        }
        // 1h window: 5m of errors per 6000 requests crosses 1.44% after 17.28 minutes
        assertThat(pagedAt).isEqualTo(18);
        // 1d window (3x = 0.3%): 5 per minute over 144000 requests crosses after 86.4 minutes
        assertThat(ticketAt).isEqualTo(87);
        assertThat(sent)
                .extracting(Alert::status)
                .containsOnly(Alert.Status.FIRING)
                .hasSize(2);
        assertThat(sent.get(0).labels())
                .containsAllEntriesOf(Map.of("alertname", "SloErrorBudgetBurn", "slo", "checkout", "severity", "page"));

        int resolvedAfter = -1;
        for (int m = 1; m <= 40 && resolvedAfter < 0; m++) {
            minute(monitor, 100, 0);
            if (!firing(monitor).contains("page")) {
                resolvedAfter = m;
            }
        }
        // the 6x pair holds while its 30m window still has errors above 0.6%: resolved 27 minutes after the stop
        assertThat(resolvedAfter).isEqualTo(27);
        assertThat(sent.get(2).status()).isEqualTo(Alert.Status.RESOLVED);
        assertThat(sent.get(2).labels()).containsEntry("severity", "page");
        for (int m = 1; m <= 6 * 60; m++) {
            minute(monitor, 100, 0);
        }
        assertThat(monitor.firing()).isEmpty();
        assertThat(sent).hasSize(4);
    }

    @Test
    void windowsScaleWithAShortPeriod() {
        Slo hourly = Slo.availability("hourly")
                .meter("http.server.requests")
                .errors("status", "5..")
                .objective(0.99)
                .period(Duration.ofHours(12)) // windows / 60: 1m and 5s for the first page pair
                .build();
        assertThat(hourly.windows().get(0).longWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(hourly.windows().get(0).shortWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(hourly.windows().get(3).longWindow()).isEqualTo(Duration.ofMinutes(72));
    }

    @Test
    void aLatencySloCountsRequestsOverTheThresholdFromTheSloBucket() {
        Slo latency = Slo.latency("fast")
                .meter("http.server.requests")
                .threshold(Duration.ofMillis(100))
                .objective(0.99)
                .build();
        BurnRateMonitor monitor = monitor(latency);
        Timer t = Timer.builder("http.server.requests").tag("status", "200").register(registry);
        for (int m = 0; m < 120; m++) {
            for (int i = 0; i < 100; i++) {
                t.record(Duration.ofMillis(i < 99 ? 20 : 150)); // 1% slow: exactly on budget
            }
            clock.advance(MINUTE);
            monitor.evaluate();
        }
        assertThat(monitor.firing()).isEmpty();
        for (int m = 0; m < 10; m++) {
            for (int i = 0; i < 100; i++) {
                t.record(Duration.ofMillis(150)); // all slow
            }
            clock.advance(MINUTE);
            monitor.evaluate();
        }
        assertThat(firing(monitor)).contains("page");
    }

    @Test
    void aLatencySloWithoutItsBucketIsSkippedNotGuessed() {
        Slo latency = Slo.latency("unbucketed")
                .meter("other.timer")
                .threshold(Duration.ofMillis(100))
                .objective(0.99)
                .build();
        BurnRateMonitor monitor = BurnRateMonitor.builder(registry)
                .slos(List.of(latency))
                .sink(sent::add)
                .clock(clock)
                .build();
        Timer t = registry.timer("other.timer"); // registered without SloMeterFilter
        for (int m = 0; m < 30; m++) {
            t.record(Duration.ofSeconds(1));
            clock.advance(MINUTE);
            monitor.evaluate();
        }
        assertThat(sent).isEmpty();
    }

    @Test
    void aSinkThatThrowsDoesNotStopTheEvaluation() {
        registry.config().meterFilter(SloMeterFilter.of(List.of(availability)));
        BurnRateMonitor monitor = BurnRateMonitor.builder(registry)
                .slos(List.of(availability))
                .sink(a -> {
                    throw new IllegalStateException("sink down");
                })
                .clock(clock)
                .build();
        for (int m = 0; m < 5; m++) {
            minute(monitor, 100, 100);
        }
        assertThat(firing(monitor)).contains("page");
    }
}
