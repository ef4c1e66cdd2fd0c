package dev.perfkit.benchmarks.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.testsupport.Services;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report renders in a real headless Chromium without network access, charts included. */
class DemoReportIT {
    @TempDir
    Path dir;

    @Test
    void theHtmlReportRendersInHeadlessChromium() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) {
            if (Services.inCi()) {
                throw new AssertionError("chromium is not installed; .ci/run installs it (apt-get install chromium)");
            }
            Assumptions.abort("chromium is not installed");
        }
        List<StepResult> steps = new ArrayList<>();
        steps.add(step("plain", 200, 40_000, new PageViews.Views(2_000_000, 19, 5_000, 17)));
        steps.add(step("perf-db", 1_200, 9_000, new PageViews.Views(2_000_000, 19, 5_000, 17)));
        steps.add(StepResult.skipped("perf-cache-redis", "two instances", "no Redis: give --redis-url"));
        steps.add(step("perf-assets", 2_200, 5_000, new PageViews.Views(1_000_000, 19, 2_500, 1)));
        SloTimeline slo = new SloTimeline(
                "SLO shop-latency: 99% of requests within 25 ms",
                List.of(
                        new DemoMetrics.AlertEvent(6.5, "plain", "page", "FIRING"),
                        new DemoMetrics.AlertEvent(9.0, "plain", "ticket", "FIRING"),
                        new DemoMetrics.AlertEvent(21.0, "perf-db", "page", "RESOLVED")),
                List.of(new DemoMetrics.StepMark(2, "plain"), new DemoMetrics.StepMark(20, "perf-db")),
                List.of(),
                List.of());
        Report report = new Report(Scale.QUICK, "embedded PostgreSQL", steps, Duration.ofSeconds(80), slo);
        List<Path> written = report.write(dir);
        Path html = written.get(1);
        assertThat(report.check()).isEmpty();

        Path shot = dir.resolve("report.png");
        Process screenshot = new ProcessBuilder(
                        chromium.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--window-size=1200,2400",
                        "--screenshot=" + shot,
                        html.toUri().toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile())
                .start();
        assertThat(screenshot.waitFor(90, TimeUnit.SECONDS))
                .as("chromium finished")
                .isTrue();
        assertThat(shot).exists();
        assertThat(Files.size(shot)).isGreaterThan(20_000); // a blank page is a few kB

        Process dom = new ProcessBuilder(
                        chromium.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--dump-dom",
                        html.toUri().toString())
                .redirectError(dir.resolve("chromium-dom.log").toFile())
                .start();
        String rendered = new String(dom.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dom.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(rendered)
                .contains("<svg", "polyline", "perf-assets", "skipped: no Redis", "SLO alert timeline", "resolved")
                .doesNotContain("https://", "<script src", "<link"); // nothing to fetch: the page is self-contained
    }

    private static StepResult step(String name, long requestsPerSecond, long p50Micros, PageViews.Views page) {
        Histogram h = new Histogram(3);
        for (int i = 0; i < requestsPerSecond * 6; i++) {
            h.recordValue(p50Micros + i % 1_000);
        }
        long[] perSecond = {
            requestsPerSecond,
            requestsPerSecond,
            requestsPerSecond,
            requestsPerSecond,
            requestsPerSecond,
            requestsPerSecond
        };
        LoadGenerator.Result load = new LoadGenerator.Result(
                requestsPerSecond * 6, 0, 6.0, h, perSecond, new long[6], requestsPerSecond * 8, 0, 0, 100);
        LoadGenerator.OpenLoop open = new LoadGenerator.OpenLoop(140, 420, 420, 0, 0, h);
        return new StepResult(name, name + " summary", null, load, 1.5, 3.0, page, open, List.of("a note"));
    }
}
