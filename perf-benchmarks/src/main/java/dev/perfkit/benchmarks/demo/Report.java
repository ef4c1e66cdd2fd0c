package dev.perfkit.benchmarks.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's output: the terminal table, {@code demo-report.json} and a self-contained {@code demo-report.html}. */
final class Report {
    private final Scale scale;
    private final String database;
    private final List<StepResult> steps;
    private final Duration took;
    private final SloTimeline slo;

    Report(Scale scale, String database, List<StepResult> steps, Duration took, SloTimeline slo) {
        this.scale = scale;
        this.database = database;
        this.steps = List.copyOf(steps);
        this.took = took;
        this.slo = slo;
    }

    /** Makes sure the report folder can be written before anything is measured. */
    static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".probe", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new DemoException("cannot write the report to --out " + dir + ": " + e.getMessage(), e);
        }
    }

    private StepResult plain() {
        return steps.get(0);
    }

    String table() {
        StringBuilder t = new StringBuilder();
        t.append(String.format(
                Locale.ROOT,
                "perfkit demo: %s, %d orders, %d clients, %ds per step (%s)%n",
                database,
                scale.orders(),
                scale.clients(),
                scale.measure().toSeconds(),
                scale.name()));
        t.append(String.format(
                Locale.ROOT,
                "%-17s %9s %7s %8s %8s %8s %9s %9s %6s %6s %13s %9s%n",
                "step",
                "req/s",
                "x plain",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "stmt/req",
                "db ms/req",
                "errors",
                "stale",
                "page KB 1st",
                "KB again"));
        double base = plain().load() == null ? 0 : plain().load().throughput();
        for (StepResult s : steps) {
            LoadGenerator.Result l = s.load();
            if (l == null) {
                t.append(String.format(Locale.ROOT, "%-17s skipped: %s%n", s.name(), s.skipped()));
                continue;
            }
            PageViews.Views p = s.page();
            t.append(String.format(
                    Locale.ROOT,
                    "%-17s %9.0f %7.2f %8.2f %8.2f %8.2f %9.2f %9.2f %6d %6d %8.1f (%2d) %5.1f (%2d)%n",
                    s.name(),
                    l.throughput(),
                    base == 0 ? 0 : l.throughput() / base,
                    l.percentileMillis(50),
                    l.percentileMillis(95),
                    l.percentileMillis(99),
                    s.statementsPerRequest(),
                    s.dbMillisPerRequest(),
                    l.errors(),
                    l.staleReads(),
                    p == null ? 0 : p.firstBytes() / 1024.0,
                    p == null ? 0 : p.firstRequests(),
                    p == null ? 0 : p.repeatBytes() / 1024.0,
                    p == null ? 0 : p.repeatRequests()));
        }
        StepResult first = plain();
        if (first.open() != null) {
            t.append(String.format(
                    Locale.ROOT,
                    "%nopen loop: reads sent at a fixed %.0f/s in every step (70%% of plain's"
                            + " closed-loop rate), latency from when each was due%n",
                    first.open().rate()));
            t.append(String.format(
                    Locale.ROOT,
                    "%-17s %9s %9s %9s %8s %8s%n",
                    "step",
                    "p50 ms",
                    "p99 ms",
                    "max ms",
                    "errors",
                    "dropped"));
            for (StepResult s : steps) {
                LoadGenerator.OpenLoop o = s.open();
                if (o != null) {
                    t.append(String.format(
                            Locale.ROOT,
                            "%-17s %9.2f %9.2f %9.2f %8d %8d%n",
                            s.name(),
                            o.percentileMillis(50),
                            o.percentileMillis(99),
                            o.latencyMicros().getMaxValue() / 1000.0,
                            o.errors(),
                            o.dropped()));
                }
            }
        }
        t.append("(page KB: transferred for one storefront view with an empty cache, then again; requests in brackets."
                + " stale: reads older than a write that had returned, beyond the step's window)\n");
        t.append("\nperf-metrics: ").append(slo.slo()).append('\n');
        if (slo.events().isEmpty()) {
            t.append("  no alert fired\n");
        }
        for (DemoMetrics.AlertEvent e : slo.events()) {
            t.append("  ").append(e.describe()).append('\n');
        }
        boolean quietAfter = slo.warnings().isEmpty();
        t.append(
                quietAfter && slo.failures().isEmpty()
                        ? "  the page alert fired during plain and stayed quiet after\n"
                        : "");
        slo.warnings().forEach(w -> t.append("  note: ").append(w).append('\n'));
        for (StepResult s : steps) {
            if (!s.notes().isEmpty()) {
                t.append('\n').append(s.name()).append(":\n");
                s.notes().forEach(n -> t.append("  ").append(n).append('\n'));
            }
        }
        t.append(String.format(Locale.ROOT, "%nwhole run: %ds%n", took.toSeconds()));
        return t.toString();
    }

    /** What must hold for the run to count: every step measured, no errors or stale reads, perfkit beats plain. */
    List<String> check() {
        List<String> failures = new ArrayList<>();
        LoadGenerator.Result base = plain().load();
        if (base == null || base.requests() == 0) {
            failures.add("the plain step measured nothing");
            return failures;
        }
        for (StepResult s : steps) {
            LoadGenerator.Result l = s.load();
            if (l == null) {
                continue;
            }
            if (l.requests() == 0) {
                failures.add(s.name() + " measured no requests");
            }
            if (l.errors() > l.requests() / 100) {
                failures.add(s.name() + " had " + l.errors() + " errors in " + l.requests() + " requests");
            }
            if (l.staleReads() > 0) {
                failures.add(s.name() + " served " + l.staleReads() + " stale reads");
            }
            if (s != plain() && l.throughput() <= base.throughput()) {
                failures.add(String.format(
                        Locale.ROOT,
                        "%s (%.0f req/s) is not faster than plain (%.0f req/s)",
                        s.name(),
                        l.throughput(),
                        base.throughput()));
            }
        }
        failures.addAll(slo.failures());
        StepResult assets = steps.get(steps.size() - 1);
        if (assets.page() != null
                && plain().page() != null
                && assets.page().firstBytes() >= plain().page().firstBytes()) {
            failures.add("perf-assets did not make the first page view smaller");
        }
        return failures;
    }

    Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generated", Instant.now().toString());
        root.put("database", database);
        root.put(
                "scale",
                Map.of(
                        "name", scale.name(),
                        "customers", scale.customers(),
                        "products", scale.products(),
                        "orders", scale.orders(),
                        "clients", scale.clients(),
                        "warmupSeconds", scale.warmup().toSeconds(),
                        "measureSeconds", scale.measure().toSeconds()));
        root.put(
                "mix",
                Map.of(
                        "productReads", LoadGenerator.MIX[0],
                        "customerOrders", LoadGenerator.MIX[1],
                        "shippedPaging", LoadGenerator.MIX[2],
                        "pendingOrders", LoadGenerator.MIX[3],
                        "storefrontPage", LoadGenerator.MIX[4],
                        "priceChanges", LoadGenerator.MIX[5]));
        List<Map<String, Object>> list = new ArrayList<>();
        double base = plain().load() == null ? 0 : plain().load().throughput();
        for (StepResult s : steps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("summary", s.summary());
            if (s.skipped() != null) {
                m.put("skipped", s.skipped());
            }
            LoadGenerator.Result l = s.load();
            if (l != null) {
                m.put("requests", l.requests());
                m.put("errors", l.errors());
                m.put("throughput", round(l.throughput()));
                m.put("speedupOverPlain", base == 0 ? 0 : round(l.throughput() / base));
                m.put("p50Millis", round(l.percentileMillis(50)));
                m.put("p95Millis", round(l.percentileMillis(95)));
                m.put("p99Millis", round(l.percentileMillis(99)));
                m.put("maxMillis", round(l.latencyMicros().getMaxValue() / 1000.0));
                m.put("statementsPerRequest", round(s.statementsPerRequest()));
                m.put("dbMillisPerRequest", round(s.dbMillisPerRequest()));
                m.put("staleReads", l.staleReads());
                m.put("staleReadsWithinWindow", l.staleWithinWindow());
                m.put("productReadsChecked", l.readsChecked());
                m.put("requestsPerSecond", l.perSecond());
                m.put("requestsByKind", l.requestsByKind());
            }
            PageViews.Views p = s.page();
            if (p != null) {
                m.put(
                        "pageView",
                        Map.of(
                                "firstBytes",
                                p.firstBytes(),
                                "firstRequests",
                                p.firstRequests(),
                                "repeatBytes",
                                p.repeatBytes(),
                                "repeatRequests",
                                p.repeatRequests()));
            }
            m.put("notes", s.notes());
            list.add(m);
        }
        root.put("steps", list);
        Map<String, Object> alerts = new LinkedHashMap<>();
        alerts.put("slo", slo.slo());
        alerts.put(
                "events",
                slo.events().stream()
                        .map(e -> Map.of(
                                "atSeconds", round(e.atSeconds()),
                                "step", e.step(),
                                "severity", e.severity(),
                                "status", e.status()))
                        .toList());
        alerts.put(
                "stepStarts",
                slo.steps().stream()
                        .map(m -> Map.of("atSeconds", round(m.atSeconds()), "step", m.step()))
                        .toList());
        alerts.put("failures", slo.failures());
        alerts.put("warnings", slo.warnings());
        root.put("perfMetrics", alerts);
        root.put("seconds", took.toSeconds());
        return root;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Writes the JSON and the HTML, each to a temporary file first, then moved into place. */
    List<Path> write(Path dir) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> data = json();
        byte[] jsonBytes = mapper.writeValueAsBytes(data);
        Path json = dir.resolve("demo-report.json");
        Path html = dir.resolve("demo-report.html");
        atomicWrite(json, jsonBytes);
        atomicWrite(html, html(new String(jsonBytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        return List.of(json, html);
    }

    private static void atomicWrite(Path target, byte[] bytes) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // ---- HTML: no scripts from the network, charts as inline SVG drawn here

    private String html(String json) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>perfkit demo</title><style>")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}")
                .append(
                        "table{border-collapse:collapse;margin:1em 0}td,th{padding:4px 8px;border-bottom:1px solid #ddd;")
                .append(
                        "text-align:right}th:first-child,td:first-child,th:nth-child(2){text-align:left}pre{background:#f6f6f6;")
                .append("padding:1em;overflow:auto;font-size:12px}h2{margin-top:2em}.chart{margin:1em 0}")
                .append("</style></head><body>\n<h1>perfkit demo</h1>\n<p>")
                .append(esc(String.format(
                        Locale.ROOT,
                        "%s, %d orders, %d customers, %d products; %d clients, %ds warm-up"
                                + " and %ds measured per step; whole run %ds.",
                        database,
                        scale.orders(),
                        scale.customers(),
                        scale.products(),
                        scale.clients(),
                        scale.warmup().toSeconds(),
                        scale.measure().toSeconds(),
                        took.toSeconds())))
                .append(
                        "</p>\n<h2>Steps</h2>\n<table><tr><th>step</th><th>what changed</th><th>req/s</th><th>&times; plain</th>")
                .append("<th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>statements/req</th><th>db ms/req</th>")
                .append("<th>errors</th><th>stale</th><th>page KB first</th><th>page KB repeat</th></tr>\n");
        double base = plain().load() == null ? 0 : plain().load().throughput();
        for (StepResult s : steps) {
            LoadGenerator.Result l = s.load();
            h.append("<tr><td>")
                    .append(esc(s.name()))
                    .append("</td><td style=\"text-align:left\">")
                    .append(esc(s.skipped() == null ? s.summary() : "skipped: " + s.skipped()))
                    .append("</td>");
            if (l == null) {
                h.append("<td colspan=\"11\"></td></tr>\n");
                continue;
            }
            PageViews.Views p = s.page();
            h.append(cells(
                    fmt(l.throughput(), 0),
                    fmt(base == 0 ? 0 : l.throughput() / base, 2),
                    fmt(l.percentileMillis(50), 2),
                    fmt(l.percentileMillis(95), 2),
                    fmt(l.percentileMillis(99), 2),
                    fmt(s.statementsPerRequest(), 2),
                    fmt(s.dbMillisPerRequest(), 2),
                    String.valueOf(l.errors()),
                    String.valueOf(l.staleReads()),
                    p == null ? "" : fmt(p.firstBytes() / 1024.0, 1) + " (" + p.firstRequests() + ")",
                    p == null ? "" : fmt(p.repeatBytes() / 1024.0, 1) + " (" + p.repeatRequests() + ")"));
            h.append("</tr>\n");
        }
        h.append("</table>\n<h2>Throughput per step</h2>\n")
                .append(bars(measured(), s -> s.measuredLoad().throughput(), "req/s"))
                .append("<h2>p99 latency per step</h2>\n")
                .append(bars(measured(), s -> s.measuredLoad().percentileMillis(99), "ms"))
                .append("<h2>Open loop: p99 latency at the same fixed rate</h2>\n")
                .append(bars(
                        measured().stream().filter(s -> s.open() != null).toList(),
                        s -> java.util.Objects.requireNonNull(s.open()).percentileMillis(99),
                        "ms"))
                .append("<h2>Throughput over time</h2>\n")
                .append(lines())
                .append("<h2>Bytes per storefront page view</h2>\n")
                .append(bars(
                        measured().stream().filter(s -> s.page() != null).toList(),
                        s -> s.measuredPage().firstBytes() / 1024.0,
                        "KB first view"))
                .append(bars(
                        measured().stream().filter(s -> s.page() != null).toList(),
                        s -> s.measuredPage().repeatBytes() / 1024.0,
                        "KB repeat view"));
        h.append("<h2>What each step found and did</h2>\n");
        for (StepResult s : steps) {
            if (!s.notes().isEmpty()) {
                h.append("<h3>").append(esc(s.name())).append("</h3><pre>");
                s.notes().forEach(n -> h.append(esc(n)).append('\n'));
                h.append("</pre>\n");
            }
        }
        h.append("<h2>SLO alert timeline (perf-metrics)</h2>\n<p>")
                .append(esc(slo.slo()))
                .append("</p>\n")
                .append(timeline())
                .append("<table><tr><th>at s</th><th>step</th><th>severity</th><th>status</th></tr>\n");
        for (DemoMetrics.AlertEvent e : slo.events()) {
            h.append("<tr>")
                    .append(cells(
                            fmt(e.atSeconds(), 1),
                            e.step(),
                            e.severity(),
                            e.status().toLowerCase(Locale.ROOT)))
                    .append("</tr>\n");
        }
        h.append("</table>\n");
        for (String f : slo.failures()) {
            h.append("<p><strong>check failed:</strong> ").append(esc(f)).append("</p>\n");
        }
        for (String w : slo.warnings()) {
            h.append("<p><strong>note:</strong> ").append(esc(w)).append("</p>\n");
        }
        h.append("<h2>All figures</h2><pre>").append(esc(json)).append("</pre>\n</body></html>\n");
        return h.toString();
    }

    /** Step bands along the run's time axis, with a bar for each interval an alert was firing. */
    private String timeline() {
        int width = 760;
        int label = 60;
        double end = Math.max(1, took.toMillis() / 1000.0);
        for (DemoMetrics.AlertEvent e : slo.events()) {
            end = Math.max(end, e.atSeconds());
        }
        double scaleX = (width - label) / end;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" width=\"")
                .append(width)
                .append("\" height=\"110\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\">");
        List<DemoMetrics.StepMark> marks = slo.steps();
        String[] fills = {"#eef", "#efe"};
        for (int i = 0; i < marks.size(); i++) {
            double from = marks.get(i).atSeconds();
            double to = i + 1 < marks.size() ? marks.get(i + 1).atSeconds() : end;
            svg.append(String.format(
                            Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"30\" fill=\"%s\"/>",
                            label + from * scaleX,
                            Math.max(1, (to - from) * scaleX),
                            fills[i % 2]))
                    .append(String.format(
                            Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">", label + from * scaleX + 2, 12 + 12 * (i % 2)))
                    .append(esc(marks.get(i).step()))
                    .append("</text>");
        }
        int row = 0;
        for (String severity : List.of("page", "ticket")) {
            int y = 40 + row * 30;
            svg.append("<text x=\"0\" y=\"")
                    .append(y + 14)
                    .append("\">")
                    .append(severity)
                    .append("</text>");
            Double since = null;
            for (DemoMetrics.AlertEvent e : slo.events()) {
                if (!e.severity().equals(severity)) {
                    continue;
                }
                if (e.status().equals("FIRING")) {
                    since = e.atSeconds();
                } else if (since != null) {
                    svg.append(alertBar(label, scaleX, since, e.atSeconds(), y));
                    since = null;
                }
            }
            if (since != null) {
                svg.append(alertBar(label, scaleX, since, end, y));
            }
            row++;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String alertBar(int label, double scaleX, double from, double to, int y) {
        return String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"20\" fill=\"#d33\"/>",
                label + from * scaleX,
                y,
                Math.max(1, (to - from) * scaleX));
    }

    private List<StepResult> measured() {
        return steps.stream().filter(s -> s.load() != null).toList();
    }

    private static String cells(String... values) {
        StringBuilder b = new StringBuilder();
        for (String v : values) {
            b.append("<td>").append(esc(v)).append("</td>");
        }
        return b.toString();
    }

    private static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static String bars(
            List<StepResult> list, java.util.function.ToDoubleFunction<StepResult> value, String unit) {
        int width = 760;
        int row = 26;
        int label = 150;
        double max = 0;
        for (StepResult s : list) {
            max = Math.max(max, value.applyAsDouble(s));
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(row * list.size() + 24)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">");
        int y = 0;
        for (StepResult s : list) {
            double v = value.applyAsDouble(s);
            int w = max == 0 ? 0 : (int) ((width - label - 110) * v / max);
            svg.append("<text x=\"0\" y=\"")
                    .append(y + 16)
                    .append("\">")
                    .append(esc(s.name()))
                    .append("</text>")
                    .append("<rect x=\"")
                    .append(label)
                    .append("\" y=\"")
                    .append(y + 4)
                    .append("\" width=\"")
                    .append(Math.max(1, w))
                    .append("\" height=\"16\" fill=\"#3b7dd8\"/>")
                    .append("<text x=\"")
                    .append(label + w + 6)
                    .append("\" y=\"")
                    .append(y + 16)
                    .append("\">")
                    .append(esc(fmt(v, v < 10 ? 2 : 0) + " " + unit))
                    .append("</text>");
            y += row;
        }
        return svg.append("</svg>\n").toString();
    }

    private String lines() {
        List<StepResult> list = measured();
        int width = 760;
        int height = 240;
        double max = 1;
        int points = 1;
        for (StepResult s : list) {
            for (long v : s.measuredLoad().perSecond()) {
                max = Math.max(max, v);
            }
            points = Math.max(points, s.measuredLoad().perSecond().length);
        }
        String[] colors = {"#999", "#d8843b", "#8a5cd8", "#3b7dd8", "#2aa876", "#d83b6a", "#555"};
        StringBuilder svg = new StringBuilder("<svg class=\"chart\" width=\"" + width + "\" height=\"" + (height + 40)
                + "\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">");
        svg.append("<text x=\"0\" y=\"12\">")
                .append(esc(fmt(max, 0) + " req/s"))
                .append("</text>")
                .append("<text x=\"0\" y=\"")
                .append(height)
                .append("\">0</text>");
        int i = 0;
        for (StepResult s : list) {
            long[] v = s.measuredLoad().perSecond();
            StringBuilder pts = new StringBuilder();
            for (int k = 0; k < v.length; k++) {
                double x = 60 + (width - 80) * (points == 1 ? 0 : k / (double) (points - 1));
                double yy = height - (height - 20) * v[k] / max;
                pts.append(fmt(x, 1)).append(',').append(fmt(yy, 1)).append(' ');
            }
            String color = colors[i % colors.length];
            svg.append("<polyline fill=\"none\" stroke=\"")
                    .append(color)
                    .append("\" stroke-width=\"2\" points=\"")
                    .append(pts.toString().trim())
                    .append("\"/>")
                    .append("<text x=\"")
                    .append(60 + i * 110)
                    .append("\" y=\"")
                    .append(height + 30)
                    .append("\" fill=\"")
                    .append(color)
                    .append("\">")
                    .append(esc(s.name()))
                    .append("</text>");
            i++;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
