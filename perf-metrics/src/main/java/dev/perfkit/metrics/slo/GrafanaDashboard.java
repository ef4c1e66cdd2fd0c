package dev.perfkit.metrics.slo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Generates a Grafana dashboard (JSON model of current Grafana, schema version 39, importable as is) from SLO
 * definitions: a row per SLO with its error budget left over the period and its burn rate over each alert window
 * (from the series {@link PrometheusRules} records), then a row per perfkit meter family (cache, Redis tier, HTTP
 * response cache, statements, pools beside HikariCP's meters, assets). Queries go to a Prometheus data source
 * chosen with the dashboard variable {@code datasource}.
 *
 * {@snippet class=dev.perfkit.metrics.slo.SloSnippets region=dashboard}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class GrafanaDashboard {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The perfkit meter families and their panels: row, title, PromQL, unit. The HTTP cache row reads the meters
     * of perf-cache's HTTP response cache ({@code perfkit.http.cache.*}); its binder comes with that cache.
     */
    static final List<List<String>> FAMILIES = List.of(
            List.of(
                    "perf-cache",
                    "Gets by result",
                    "sum by (cache, result) (rate(perfkit_cache_gets_total[$__rate_interval]))",
                    "reqps"),
            List.of(
                    "perf-cache",
                    "Load time (mean)",
                    "sum by (cache) (rate(perfkit_cache_load_duration_seconds_sum[$__rate_interval])) / sum by (cache) (rate(perfkit_cache_load_duration_seconds_count[$__rate_interval]))",
                    "s"),
            List.of(
                    "perf-cache",
                    "Loads by result",
                    "sum by (cache, result) (rate(perfkit_cache_loads_total[$__rate_interval]))",
                    "ops"),
            List.of(
                    "perf-cache",
                    "Evictions by cause",
                    "sum by (cache, cause) (rate(perfkit_cache_evictions_total[$__rate_interval]))",
                    "ops"),
            List.of(
                    "perf-cache",
                    "Invalidations by kind",
                    "sum by (cache, kind) (rate(perfkit_cache_invalidations_total[$__rate_interval]))",
                    "ops"),
            List.of(
                    "perf-cache",
                    "Refreshes",
                    "sum by (cache, result) (rate(perfkit_cache_refreshes_total[$__rate_interval]))",
                    "ops"),
            List.of(
                    "perf-cache-redis",
                    "L2 gets by result",
                    "sum by (cache, result) (rate(perfkit_cache_redis_gets_total[$__rate_interval]))",
                    "reqps"),
            List.of(
                    "perf-cache-redis",
                    "L2 errors and decode failures",
                    "sum by (cache) (rate(perfkit_cache_redis_errors_total[$__rate_interval])) or sum by (cache) (rate(perfkit_cache_redis_decode_failures_total[$__rate_interval]))",
                    "ops"),
            List.of(
                    "perf-cache-redis",
                    "Invalidation messages",
                    "sum by (cache, direction) (rate(perfkit_cache_redis_invalidations_total[$__rate_interval]))",
                    "ops"),
            List.of(
                    "perf-cache-redis",
                    "L1 flushes by cause",
                    "sum by (cache, cause) (increase(perfkit_cache_redis_l1_flushes_total[$__rate_interval]))",
                    "short"),
            List.of(
                    "HTTP response cache",
                    "Decisions",
                    "sum by (result) (rate(perfkit_http_cache_requests_total[$__rate_interval]))",
                    "reqps"),
            List.of(
                    "HTTP response cache",
                    "Bytes saved by 304s",
                    "sum(rate(perfkit_http_cache_not_modified_bytes_saved_total[$__rate_interval]))",
                    "Bps"),
            List.of(
                    "HTTP response cache",
                    "Stores refused by reason",
                    "sum by (reason) (rate(perfkit_http_cache_stores_refused_total[$__rate_interval]))",
                    "ops"),
            List.of(
                    "perf-db",
                    "Statement time by fingerprint",
                    "topk(10, sum by (fingerprint) (rate(perfkit_db_statements_seconds_sum[$__rate_interval])))",
                    "s"),
            List.of(
                    "perf-db",
                    "Statements by fingerprint",
                    "topk(10, sum by (fingerprint) (rate(perfkit_db_statements_seconds_count[$__rate_interval])))",
                    "ops"),
            List.of(
                    "perf-db",
                    "Slow statements and N+1",
                    "sum(rate(perfkit_db_slow_statements_total[$__rate_interval])) or sum(rate(perfkit_db_n_plus_one_total[$__rate_interval]))",
                    "ops"),
            List.of(
                    "perf-db",
                    "Plan findings by kind",
                    "sum by (kind) (increase(perfkit_db_plan_findings_total[$__rate_interval]))",
                    "short"),
            List.of(
                    "perf-db",
                    "Tag values folded into other",
                    "sum by (meter) (perfkit_metrics_tag_values_folded_total)",
                    "short"),
            List.of(
                    "perf-pool",
                    "Pool size: target, max, active",
                    "max by (pool) (perfkit_pool_size_target) or max by (pool) (hikaricp_connections_max) or max by (pool) (hikaricp_connections_active)",
                    "short"),
            List.of(
                    "perf-pool",
                    "Resizes",
                    "sum by (pool, direction) (increase(perfkit_pool_resizes_total[$__rate_interval]))",
                    "short"),
            List.of("perf-pool", "Pending threads (HikariCP)", "max by (pool) (hikaricp_connections_pending)", "short"),
            List.of(
                    "perf-assets",
                    "Responses by coding and status",
                    "sum by (coding, status) (rate(perfkit_assets_responses_total[$__rate_interval]))",
                    "reqps"),
            List.of(
                    "perf-assets",
                    "Bytes by coding",
                    "sum by (coding) (rate(perfkit_assets_bytes_total[$__rate_interval]))",
                    "Bps"));

    private GrafanaDashboard() {}

    /**
     * Returns the dashboard JSON for {@code slos}.
     *
     * @param title the dashboard's title
     * @throws IllegalArgumentException if {@code slos} is empty or two share a name
     */
    public static String generate(String title, List<Slo> slos) {
        SloDefinitions.checkUnique(slos);
        ObjectNode d = JSON.createObjectNode();
        d.put("title", title);
        d.put("uid", "perfkit-" + Integer.toHexString(title.hashCode()));
        d.put("schemaVersion", 39);
        d.put("version", 1);
        d.put("editable", true);
        d.put("refresh", "30s");
        d.putArray("tags").add("perfkit");
        d.putObject("time").put("from", "now-6h").put("to", "now");
        ObjectNode variable = d.putObject("templating").putArray("list").addObject();
        variable.put("name", "datasource");
        variable.put("label", "Prometheus");
        variable.put("type", "datasource");
        variable.put("query", "prometheus");
        ArrayNode panels = d.putArray("panels");
        int[] id = {1};
        int[] y = {0};
        for (Slo slo : slos) {
            row(panels, id, y, "SLO " + slo.name());
            ObjectNode budget = panel(
                    panels, id, "stat", "Error budget left (" + PromDurations.format(slo.period()) + ")", 0, y[0], 6);
            target(budget, "perfkit_slo:error_budget_remaining:ratio{slo=" + PromQl.quoted(slo.name()) + "}", "left");
            unit(budget, "percentunit");
            ObjectNode burn = panel(panels, id, "timeseries", "Burn rate by window (1 = on budget)", 6, y[0], 18);
            for (String window : PrometheusRules.windows(slo)) {
                target(burn, PrometheusRules.series(slo, window) + " / " + slo.errorBudget(), window);
            }
            unit(burn, "short");
            y[0] += 8;
        }
        String currentRow = "";
        int x = 0;
        for (List<String> f : FAMILIES) {
            if (!f.get(0).equals(currentRow)) {
                if (x != 0) {
                    y[0] += 8;
                    x = 0;
                }
                currentRow = f.get(0);
                row(panels, id, y, currentRow);
            }
            ObjectNode p = panel(panels, id, "timeseries", f.get(1), x, y[0], 8);
            target(p, f.get(2), "");
            unit(p, f.get(3));
            x += 8;
            if (x >= 24) {
                x = 0;
                y[0] += 8;
            }
        }
        try {
            return JSON.writeValueAsString(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void row(ArrayNode panels, int[] id, int[] y, String title) {
        ObjectNode row = panels.addObject();
        row.put("id", id[0]++);
        row.put("type", "row");
        row.put("title", title);
        row.put("collapsed", false);
        row.putArray("panels");
        row.putObject("gridPos").put("h", 1).put("w", 24).put("x", 0).put("y", y[0]);
        y[0] += 1;
    }

    private static ObjectNode panel(ArrayNode panels, int[] id, String type, String title, int x, int y, int w) {
        ObjectNode p = panels.addObject();
        p.put("id", id[0]++);
        p.put("type", type);
        p.put("title", title);
        p.putObject("datasource").put("type", "prometheus").put("uid", "${datasource}");
        p.putObject("gridPos").put("h", 8).put("w", w).put("x", x).put("y", y);
        p.putArray("targets");
        return p;
    }

    private static void target(ObjectNode panel, String expr, String legend) {
        ArrayNode targets = (ArrayNode) panel.get("targets");
        ObjectNode t = targets.addObject();
        t.put("refId", String.valueOf((char) ('A' + targets.size() - 1)));
        t.putObject("datasource").put("type", "prometheus").put("uid", "${datasource}");
        t.put("expr", expr);
        t.put("legendFormat", legend.isEmpty() ? "__auto" : legend);
    }

    private static void unit(ObjectNode panel, String unit) {
        panel.putObject("fieldConfig").putObject("defaults").put("unit", unit);
        panel.putObject("options");
    }
}
