package dev.perfkit.benchmarks.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.AssetPipeline;
import dev.perfkit.assets.PipelineResult;
import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.PerfCache;
import dev.perfkit.cache.http.HttpResponseCache;
import dev.perfkit.cache.redis.RedisCache;
import dev.perfkit.cache.redis.RedisCodecs;
import dev.perfkit.db.ExplainFailedEvent;
import dev.perfkit.db.NPlusOneEvent;
import dev.perfkit.db.PlanCapturedEvent;
import dev.perfkit.db.QueryEventListener;
import dev.perfkit.db.QueryInstrumentation;
import dev.perfkit.db.QueryStatsSnapshot;
import dev.perfkit.db.SlowQueryEvent;
import dev.perfkit.db.advisor.AdvisorReport;
import dev.perfkit.db.advisor.IndexAdvisor;
import dev.perfkit.db.advisor.WhatIfMode;
import dev.perfkit.db.advisor.Workload;
import dev.perfkit.db.plan.PlanFinding;
import dev.perfkit.metrics.QueryMetrics;
import dev.perfkit.metrics.RedisCacheMetrics;
import dev.perfkit.pool.DatabaseKind;
import dev.perfkit.pool.PoolPreset;
import dev.perfkit.pool.PoolSizing;
import dev.perfkit.pool.SizingInputs;
import dev.perfkit.pool.SizingResult;
import dev.perfkit.testsupport.Redis;
import dev.perfkit.testsupport.RedisProcess;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * perfkit's main job: one command that runs a small shop on Jetty and PostgreSQL, measures it plain, then with
 * each perfkit module switched on in turn, and prints what each step bought.
 *
 * <pre>{@code
 * ./mvnw -q -DskipTests package && java -jar perf-benchmarks/target/perfkit-demo.jar [--quick]
 * }</pre>
 */
public final class Demo {
    private static final String PLAIN = "plain";

    private final DemoOptions options;
    private final Scale scale;
    private final PrintStream out;
    private final PrintStream progress;
    /** What must be closed on the way out, newest first (also from the Ctrl-C hook). */
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    private final byte[] pagerSecret = new byte[32];
    private @Nullable AdvisorReport advice;
    private List<String> appliedDdl = List.of();
    private int presetPoolSize;
    private double openLoopRate;
    /** Whether HypoPG could be created: the advisor then costs candidates without building them. */
    private boolean hypopg;

    private @Nullable DemoMetrics metrics;

    private Demo(DemoOptions options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.scale = options.scale();
        this.out = out;
        this.progress = progress;
        new SecureRandom().nextBytes(pagerSecret);
    }

    /** Runs the demo; exits 0 when done, 1 when a check failed, 2 on a bad option or environment, 130 on Ctrl-C. */
    public static void main(String[] args) {
        // Jetty's and HikariCP's start/stop lines would bury the table; perf-db's slow-query lines are in the report.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.dev.perfkit.db", "error");
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (DemoException e) {
            err.println("perfkit-demo: " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            out.println(DemoOptions.USAGE);
            return 0;
        }
        Demo demo = new Demo(options, out, err);
        Thread hook = new Thread(demo::closeAll, "perfkit-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return demo.runSteps();
        } catch (DemoException e) {
            err.println("perfkit-demo: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("perfkit-demo: interrupted");
            return 130;
        } catch (Exception e) {
            err.println("perfkit-demo: failed: " + e);
            e.printStackTrace(err);
            return 1;
        } finally {
            demo.closeAll();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    private synchronized void closeAll() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                // best effort on the way out
            }
        }
    }

    private synchronized <T extends AutoCloseable> T keep(T resource) {
        resources.push(resource);
        return resource;
    }

    private synchronized void release(AutoCloseable resource) {
        resources.remove(resource);
        try {
            resource.close();
        } catch (Exception e) {
            // best effort between steps
        }
    }

    private int runSteps() throws Exception {
        long started = System.nanoTime();
        Report.prepare(options.out());
        ShopDatabase db = keep(ShopDatabase.open(options, scale, progress));
        progress.println("database: " + ShopDatabase.describe(db) + ", scale " + scale.name() + " ("
                + scale.orders() + " orders, " + scale.customers() + " customers, " + scale.products()
                + " products)");
        if (!db.seed(scale, progress)) {
            progress.println("seeded data found: reusing it");
        }
        Path work = options.out().resolve("work");
        Path storefront = work.resolve("storefront");
        Storefront.write(storefront);
        hypopg = db.tryHypopg();
        DemoMetrics watch = keep(new DemoMetrics());
        metrics = watch;

        List<StepResult> results = new ArrayList<>();
        // name, summary, keyset, batched, preset, appCache, httpCache, instances, redis, assets
        StepConfig plain = new StepConfig(
                PLAIN,
                "primary keys only, OFFSET paging, N+1 loading, HikariCP defaults, no cache, plain static files",
                false,
                false,
                false,
                false,
                false,
                1,
                false,
                false);
        StepConfig perfDb = new StepConfig(
                "perf-db",
                "the advisor's indexes from the plain step's workload, keyset paging, one batched query for the N+1",
                true,
                true,
                false,
                false,
                false,
                1,
                false,
                false);
        StepConfig perfPool = new StepConfig(
                "perf-pool",
                "PoolPreset.WEB_OLTP, sized by PoolSizing from the measured statement time",
                true,
                true,
                true,
                false,
                false,
                1,
                false,
                false);
        StepConfig perfCache = new StepConfig(
                "perf-cache",
                "cache-aside for products, category pages and customer orders, invalidated after commit",
                true,
                true,
                true,
                true,
                false,
                1,
                false,
                false);
        StepConfig perfHttp = new StepConfig(
                "perf-cache http",
                "plus the HTTP response cache: deep ETags from one version query, tags purged after commit; half the"
                        + " product reads revalidate with If-None-Match",
                true,
                true,
                true,
                true,
                true,
                1,
                false,
                false);
        StepConfig redis = new StepConfig(
                "perf-cache-redis",
                "two instances behind the load generator sharing Redis (L1 + L2 + cross-instance invalidation)",
                true,
                true,
                true,
                true,
                options.httpCache(),
                2,
                true,
                false);
        StepConfig assets = new StepConfig(
                "perf-assets",
                "the perf-cache step plus fingerprinted, precompressed assets from AssetServlet, lazy images"
                        + " below the fold",
                true,
                true,
                true,
                true,
                options.httpCache(),
                1,
                false,
                true);

        progress.println("\n[1/7] " + plain.name() + ": " + plain.summary());
        List<String> dropped = db.dropSecondaryIndexes();
        results.add(runStep(
                db,
                plain,
                storefront,
                null,
                dropped.isEmpty()
                        ? List.of()
                        : List.of("dropped the indexes of an earlier run: " + String.join(", ", dropped))));

        progress.println("\n[2/7] " + perfDb.name() + ": " + perfDb.summary());
        List<String> dbNotes = new ArrayList<>();
        dbNotes.add(
                "index advisor (" + (hypopg ? "HypoPG what-if" : "transactional what-if, HypoPG not installed") + "):");
        AdvisorReport report = advice;
        if (report != null) {
            try (Connection c = db.connect()) {
                appliedDdl = IndexAdvisor.builder()
                        .whatIf(hypopg ? WhatIfMode.HYPOPG : WhatIfMode.TRANSACTIONAL)
                        .build()
                        .apply(c, report);
            }
            try (Connection c = db.connect();
                    var s = c.createStatement()) {
                s.execute("analyze orders");
                s.execute("analyze products");
            }
            for (String ddl : appliedDdl) {
                dbNotes.add("  applied: " + ddl);
            }
        }
        results.add(runStep(db, perfDb, storefront, null, dbNotes));

        progress.println("\n[3/7] " + perfPool.name() + ": " + perfPool.summary());
        StepResult last = results.get(results.size() - 1);
        SizingResult sizing = PoolSizing.recommend(SizingInputs.builder()
                .databaseCores(Runtime.getRuntime().availableProcessors())
                .effectiveSpindles(1)
                .requestThreads(scale.clients())
                .meanStatementTime(Duration.ofNanos(Math.max(
                        50_000L, (long) (last.dbMillisPerRequest() / Math.max(1, last.statementsPerRequest()) * 1e6))))
                .build());
        presetPoolSize = sizing.maximumPoolSize();
        List<String> poolNotes = new ArrayList<>();
        poolNotes.add("maximumPoolSize " + presetPoolSize + " (HikariCP's default is 10):");
        for (String line : sizing.explain().split("\n")) {
            poolNotes.add("  " + line);
        }
        results.add(runStep(db, perfPool, storefront, null, poolNotes));

        progress.println("\n[4/7] " + perfCache.name() + ": " + perfCache.summary());
        results.add(runStep(db, perfCache, storefront, null, List.of()));

        if (options.httpCache()) {
            progress.println("\n[5/7] " + perfHttp.name() + ": " + perfHttp.summary());
            results.add(runStep(db, perfHttp, storefront, null, List.of()));
        } else {
            results.add(StepResult.skipped(perfHttp.name(), perfHttp.summary(), "--no-http-cache"));
        }

        progress.println("\n[6/7] " + redis.name() + ": " + redis.summary());
        results.add(runRedisStep(db, redis, storefront));

        progress.println("\n[7/7] " + assets.name() + ": " + assets.summary());
        Path processed = work.resolve("assets-out");
        PipelineResult pipeline = AssetPipeline.builder()
                .input(storefront)
                .output(processed)
                .build()
                .run();
        AssetManifest manifest = AssetManifest.load(processed);
        List<String> assetNotes = new ArrayList<>();
        assetNotes.add("asset pipeline: " + pipeline);
        results.add(runStep(db, assets, storefront, manifest, assetNotes));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Report report2 = new Report(scale, ShopDatabase.describe(db), results, took, SloTimeline.of(watch, PLAIN));
        out.println();
        out.print(report2.table());
        List<Path> written = report2.write(options.out());
        out.println();
        for (Path p : written) {
            out.println("wrote " + p);
        }
        List<String> failures = report2.check();
        if (!failures.isEmpty()) {
            for (String f : failures) {
                out.println("CHECK FAILED: " + f);
            }
            return 1;
        }
        return 0;
    }

    private StepResult runRedisStep(ShopDatabase db, StepConfig step, Path storefront) throws Exception {
        if (options.noRedis()) {
            return StepResult.skipped(step.name(), step.summary(), "--no-redis");
        }
        String url = options.redisUrl();
        if (url == null) {
            try {
                RedisProcess redis = keep(Redis.startPrivate());
                url = "redis://" + redis.host() + ":" + redis.port();
                progress.println("started a local redis-server at " + url);
            } catch (Throwable e) { // the fixture reports a missing redis-server as an AssertionError
                return StepResult.skipped(
                        step.name(),
                        step.summary(),
                        "no Redis: give --redis-url, or install redis-server (" + firstLine(e) + ")");
            }
        }
        return runStepWithRedis(db, step, storefront, url);
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private StepResult runStep(
            ShopDatabase db, StepConfig step, Path storefront, @Nullable AssetManifest manifest, List<String> notes)
            throws Exception {
        return run(db, step, storefront, manifest, null, notes);
    }

    private StepResult runStepWithRedis(ShopDatabase db, StepConfig step, Path storefront, String redisUrl)
            throws Exception {
        return run(
                db,
                step,
                storefront,
                null,
                redisUrl,
                List.of(
                        "Redis at " + redisUrl
                                + "; staleness window 3 x heartbeat (1 s) + timeout (250 ms): reads inside it are counted apart"));
    }

    private StepResult run(
            ShopDatabase db,
            StepConfig step,
            Path storefront,
            @Nullable AssetManifest manifest,
            @Nullable String redisUrl,
            List<String> stepNotes)
            throws Exception {
        List<String> notes = new ArrayList<>(stepNotes);
        Map<String, NPlusOneEvent> nPlusOne = new ConcurrentHashMap<>();
        Map<String, List<PlanFinding>> findings = new ConcurrentHashMap<>();
        SimpleMeterRegistry stepMeters = new SimpleMeterRegistry();
        QueryMetrics queryMetrics = QueryMetrics.create(20);
        QueryEventListener toMeters = queryMetrics.eventListener();
        HikariDataSource raw = keep(new HikariDataSource(poolConfig(db, step)));
        QueryInstrumentation instrumentation = keep(QueryInstrumentation.builder()
                .slowThreshold(Duration.ofMillis(20))
                .explainWith(raw)
                .eventListener(new QueryEventListener() {
                    @Override
                    public void onSlowQuery(SlowQueryEvent event) {
                        toMeters.onSlowQuery(event);
                    }

                    @Override
                    public void onExplainFailed(ExplainFailedEvent event) {
                        toMeters.onExplainFailed(event);
                    }

                    @Override
                    public void onNPlusOne(NPlusOneEvent event) {
                        toMeters.onNPlusOne(event);
                        nPlusOne.merge(event.fingerprint(), event, (a, b) -> a.count() >= b.count() ? a : b);
                    }

                    @Override
                    public void onPlanCaptured(PlanCapturedEvent event) {
                        toMeters.onPlanCaptured(event);
                        if (!event.plan().findings().isEmpty()) {
                            findings.putIfAbsent(
                                    event.fingerprint(), event.plan().findings());
                        }
                    }
                })
                .build());
        var dataSource = instrumentation.wrap(raw);
        queryMetrics.track(instrumentation).bindTo(stepMeters);
        AutoCloseable scrape = Objects.requireNonNull(metrics).scrapeEverySecond(queryMetrics::refresh);
        List<AutoCloseable> stepResources = new ArrayList<>();
        List<URI> instances = new ArrayList<>();
        List<Shop> shops = new ArrayList<>();
        for (int i = 0; i < step.instances(); i++) {
            Shop shop = shop(step, dataSource, redisUrl, stepResources, stepMeters, "i" + i);
            shops.add(shop);
            shop.bindMeters(stepMeters, "i" + i);
            int port = options.port() == 0 ? 0 : options.port() + instances.size();
            ShopServer server = keep(ShopServer.start(
                    shop,
                    port,
                    storefront,
                    manifest,
                    Objects.requireNonNull(metrics).requestTimer()));
            stepResources.add(server);
            instances.add(server.uri());
        }
        try {
            PageViews.Views page = PageViews.measure(instances.get(0), "/?category=cat-1");
            Objects.requireNonNull(metrics).stepStarted(step.name(), scale.warmup());
            long window = redisUrl == null ? 0 : Duration.ofMillis(3_250).toNanos();
            LoadGenerator.Result load =
                    LoadGenerator.run(instances, scale, new Staleness(scale.products(), window), 42);
            if (openLoopRate == 0) {
                // Every step gets the same fixed rate: 70% of what plain managed with closed-loop clients.
                openLoopRate = Math.max(10, load.throughput() * 0.7);
            }
            LoadGenerator.OpenLoop open = LoadGenerator.openLoop(instances, scale, openLoopRate, scale.openLoop(), 43);
            QueryStatsSnapshot snapshot = instrumentation.stats().snapshot();
            long statements = snapshot.totalCalls();
            long nanos = snapshot.other().totalNanos();
            for (var f : snapshot.top()) {
                nanos += f.totalNanos();
            }
            long allRequests = Math.max(1, load.allRequests() + open.sent());
            if (step.name().equals(PLAIN)) {
                notes.addAll(plainFindings(snapshot, nPlusOne, findings));
                advice = advise(db, snapshot, notes);
            } else if (!nPlusOne.isEmpty()) {
                notes.add("N+1 still reported: " + nPlusOne.keySet());
            }
            for (Shop shop : shops) {
                HttpResponseCache http = shop.httpCache();
                if (http != null) {
                    var st = http.stats();
                    notes.add(String.format(
                            java.util.Locale.ROOT,
                            "HTTP response cache: %d hits, %d misses, %d answered 304 (%,d bytes not sent), %d stored",
                            st.hitCount(),
                            st.missCount(),
                            st.notModifiedCount(),
                            st.notModifiedBytesSaved(),
                            st.storedCount()));
                }
            }
            queryMetrics.refresh();
            List<String> meters = DemoMetrics.summarize(stepMeters, 10);
            if (!meters.isEmpty()) {
                notes.add("perfkit meters (perf-metrics binders), largest counts:");
                notes.addAll(meters);
            }
            if (step.appCache()) {
                notes.add("load generator: " + load.readsChecked() + " product reads checked against "
                        + "the price changes that had returned");
            }
            progress.printf(
                    "  %.0f req/s, p99 %.1f ms, %.2f statements/request%n",
                    load.throughput(), load.percentileMillis(99), statements / (double) allRequests);
            return new StepResult(
                    step.name(),
                    step.summary(),
                    null,
                    load,
                    statements / (double) allRequests,
                    nanos / 1e6 / allRequests,
                    page,
                    open,
                    notes);
        } finally {
            Objects.requireNonNull(metrics).stepEnded();
            release(scrape);
            for (AutoCloseable r : stepResources) {
                release(r);
            }
            release(instrumentation);
            release(raw);
            stepMeters.close();
        }
    }

    private List<String> plainFindings(
            QueryStatsSnapshot snapshot, Map<String, NPlusOneEvent> nPlusOne, Map<String, List<PlanFinding>> findings) {
        List<String> notes = new ArrayList<>();
        notes.add("slowest statements by total time (perf-db instrumentation):");
        snapshot.top().stream()
                .limit(5)
                .forEach(f -> notes.add(String.format(
                        java.util.Locale.ROOT,
                        "  %8.1f ms total, %6d calls, %7.2f ms mean: %s",
                        f.totalNanos() / 1e6,
                        f.calls(),
                        f.totalNanos() / 1e6 / Math.max(1, f.calls()),
                        f.fingerprint())));
        for (NPlusOneEvent e : nPlusOne.values()) {
            notes.add("N+1: \"" + e.fingerprint() + "\" ran " + e.count() + " times in one request (" + e.scope()
                    + ", at " + e.callSite() + ")");
        }
        Set<String> lines = new LinkedHashSet<>();
        findings.forEach(
                (fp, list) -> list.forEach(f -> lines.add("plan: " + f.kind() + " in \"" + fp + "\": " + f.message())));
        lines.stream().limit(8).forEach(notes::add);
        return notes;
    }

    private @Nullable AdvisorReport advise(ShopDatabase db, QueryStatsSnapshot snapshot, List<String> notes) {
        progress.println("  asking the index advisor about the plain step's "
                + snapshot.top().size() + " statement fingerprints");
        try (Connection c = db.connect()) {
            AdvisorReport report = IndexAdvisor.builder()
                    .whatIf(hypopg ? WhatIfMode.HYPOPG : WhatIfMode.TRANSACTIONAL)
                    .maxIndexes(5)
                    .build()
                    .advise(c, Workload.fromFingerprints(snapshot));
            for (AdvisorReport.Recommendation r : report.recommendations()) {
                notes.add(String.format(
                        java.util.Locale.ROOT,
                        "advisor: %s (workload cost %.0f -> %.0f)",
                        r.ddl(),
                        r.workloadCostBefore(),
                        r.workloadCostAfter()));
            }
            return report;
        } catch (SQLException | RuntimeException e) {
            notes.add("advisor failed: " + e.getMessage());
            return null;
        }
    }

    private HikariConfig poolConfig(ShopDatabase db, StepConfig step) {
        HikariConfig config;
        if (step.preset()) {
            config = PoolPreset.WEB_OLTP.config(DatabaseKind.POSTGRESQL, db.url());
            config.setMaximumPoolSize(Math.max(2, presetPoolSize));
            config.setMinimumIdle(Math.max(2, presetPoolSize));
        } else {
            config = new HikariConfig();
            config.setJdbcUrl(db.url());
        }
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setPoolName("demo-" + step.name());
        return config;
    }

    private Shop shop(
            StepConfig step,
            javax.sql.DataSource dataSource,
            @Nullable String redisUrl,
            List<AutoCloseable> stepResources,
            MeterRegistry meters,
            String instance) {
        CacheAside<Long, Product> products = null;
        CacheAside<String, ProductList> categories = null;
        CacheAside<Long, byte[]> customerOrders = null;
        if (step.appCache()) {
            if (redisUrl != null) {
                RedisCache<Long, Product> p = RedisCache.<Long, Product>builder()
                        .redis(redisUrl)
                        .name("demo-products")
                        .keys(String::valueOf, Long::valueOf)
                        .values(RedisCodecs.json(Product.class))
                        .local(local -> local.maximumSize(20_000).expireAfterWrite(Duration.ofMinutes(10)))
                        .build();
                stepResources.add(p);
                RedisCacheMetrics.of("products-" + instance, p).bindTo(meters);
                products = p.cache();
                RedisCache<String, ProductList> c = RedisCache.<String, ProductList>builder()
                        .redis(redisUrl)
                        .name("demo-categories")
                        .keys(k -> k, k -> k)
                        .values(RedisCodecs.json(ProductList.class))
                        .local(local -> local.maximumSize(100).expireAfterWrite(Duration.ofMinutes(10)))
                        .build();
                stepResources.add(c);
                RedisCacheMetrics.of("categories-" + instance, c).bindTo(meters);
                categories = c.cache();
            } else {
                products = PerfCache.<Long, Product>builder()
                        .maximumSize(20_000)
                        .expireAfterWrite(Duration.ofMinutes(10))
                        .recordStats()
                        .build();
                categories = PerfCache.<String, ProductList>builder()
                        .maximumSize(100)
                        .expireAfterWrite(Duration.ofMinutes(10))
                        .build();
            }
            // Orders are never changed by the shop, so each instance may keep its own copy.
            customerOrders = PerfCache.<Long, byte[]>builder()
                    .maximumSize(50_000)
                    .expireAfterWrite(Duration.ofMinutes(1))
                    .build();
        }
        Shop[] shop = new Shop[1];
        HttpResponseCache http = step.httpCache() ? ShopHttpCache.create(id -> shop[0].product(id)) : null;
        shop[0] = new Shop(step, dataSource, products, categories, customerOrders, http, pagerSecret);
        return shop[0];
    }
}
