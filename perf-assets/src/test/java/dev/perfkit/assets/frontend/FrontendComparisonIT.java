package dev.perfkit.assets.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.testsupport.JettyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample page served plainly ({@link SamplePage#plain()}) and with perf-assets, measured in headless Chromium
 * on a throttled network (src/test/browser/throttled-compare.mjs: 1.6 Mbps, 150 ms RTT): bytes and requests on the
 * first and the repeat view, LCP and the load event, median of 5 runs; with {@code PERFKIT_LIGHTHOUSE=true} also
 * the Lighthouse 12.2.3 performance score of each (installed into target/lighthouse on first use). A measurement,
 * not part of the build: it runs only when asked,
 *
 * <pre>
 * PERFKIT_COMPARE=true [PERFKIT_LIGHTHOUSE=true] ./mvnw -pl perf-assets -am verify -Dtest=NONE \
 *     -Dit.test=FrontendComparisonIT -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * and writes target/browser/comparison.json and a table on standard output. It asserts only what a loaded machine
 * cannot blur: perf-assets sends at most half the plain page's bytes on a first view, and on a repeat view asks the
 * network for nothing but the page.
 */
@EnabledIfEnvironmentVariable(named = "PERFKIT_COMPARE", matches = "true|1")
class FrontendComparisonIT {
    private static final String LIGHTHOUSE = "lighthouse@12.2.3";

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void perfAssetsBeatsPlainServingOnAThrottledNetwork() throws Exception {
        NodeScripts.prepare();
        try (SamplePage page = new SamplePage(tmp);
                JettyServer plain = page.plain()) {
            String plainUrl = plain.uri("/page").toString();
            String perfUrl = page.server.uri("/page").toString();
            NodeScripts.Run run = NodeScripts.node(
                    "throttled-compare.mjs", List.of("5", "plain=" + plainUrl, "perfkit=" + perfUrl), 1500);
            assertThat(run.exit()).as("throttled-compare.mjs: %s", run.stderr()).isZero();
            JsonNode result = new ObjectMapper().readTree(run.lastLine());
            List<String> lines = new ArrayList<>();
            lines.add(String.format(
                    Locale.ROOT,
                    "%-8s %-7s %10s %9s %9s %9s",
                    "page",
                    "view",
                    "bytes",
                    "requests",
                    "LCP ms",
                    "load ms"));
            for (String name : List.of("plain", "perfkit")) {
                for (String view : List.of("first", "repeat")) {
                    JsonNode m = result.path("pages").path(name).path("median").path(view);
                    lines.add(String.format(
                            Locale.ROOT,
                            "%-8s %-7s %10d %9d %9.0f %9.0f",
                            name,
                            view,
                            m.path("bytes").asLong(),
                            m.path("requests").asLong(),
                            m.path("lcp").asDouble(),
                            m.path("load").asDouble()));
                }
            }
            if ("true".equalsIgnoreCase(System.getenv("PERFKIT_LIGHTHOUSE"))) {
                lines.add("Lighthouse performance: plain " + lighthouse(plainUrl) + ", perfkit " + lighthouse(perfUrl));
            }
            Files.writeString(NodeScripts.WORK.resolve("comparison.json"), run.lastLine());
            Files.write(NodeScripts.WORK.resolve("comparison.txt"), lines);
            System.out.println(String.join("\n", lines));

            JsonNode plainMedian = result.path("pages").path("plain").path("median");
            JsonNode perfMedian = result.path("pages").path("perfkit").path("median");
            assertThat(perfMedian.path("first").path("bytes").asDouble())
                    .as("first-view bytes, perfkit vs plain")
                    .isLessThanOrEqualTo(
                            0.5 * plainMedian.path("first").path("bytes").asDouble());
            assertThat(perfMedian.path("repeat").path("requests").asDouble())
                    .as("repeat-view network requests: only the page")
                    .isLessThanOrEqualTo(1);
        }
    }

    /** The Lighthouse performance score (0 to 100) of a page, on Lighthouse's default simulated Slow 4G. */
    private static String lighthouse(String url) throws Exception {
        Path dir = NodeScripts.WORK.resolve("lighthouse");
        Path cli = dir.resolve("node_modules/lighthouse/cli/index.js");
        if (!Files.exists(cli)) {
            Files.createDirectories(dir);
            NodeScripts.Run install = NodeScripts.command(
                    List.of(
                            "npm",
                            "i",
                            "-E",
                            LIGHTHOUSE,
                            "--prefix",
                            dir.toAbsolutePath().toString(),
                            "--no-audit",
                            "--no-fund"),
                    900);
            if (install.exit() != 0) {
                return "(npm i " + LIGHTHOUSE + " failed: " + install.stderr().strip() + ")";
            }
        }
        Path report = Files.createTempFile(dir, "report-", ".json");
        NodeScripts.Run run = NodeScripts.command(
                List.of(
                        "node",
                        cli.toAbsolutePath().toString(),
                        url,
                        "--only-categories=performance",
                        "--output=json",
                        "--output-path=" + report.toAbsolutePath(),
                        "--quiet",
                        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking"
                                + " --disable-component-update --no-first-run --disable-sync"),
                600);
        if (run.exit() != 0) {
            return "(lighthouse failed: " + run.stderr().strip() + ")";
        }
        JsonNode score = new ObjectMapper()
                .readTree(report.toFile())
                .path("categories")
                .path("performance")
                .path("score");
        return score.isNumber() ? String.valueOf(Math.round(score.asDouble() * 100)) : "(no score)";
    }
}
