package dev.perfkit.benchmarks.demo;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The demo's command line. Every bad argument is a {@link DemoException} naming it and what is accepted. */
record DemoOptions(
        boolean quick,
        @Nullable String pgUrl,
        String pgUser,
        String pgPassword,
        @Nullable String redisUrl,
        boolean noRedis,
        boolean httpCache,
        Path out,
        Path dataDir,
        @Nullable Duration measure,
        int clients,
        int port,
        boolean help) {

    static final String USAGE = String.join(
            "\n",
            "Usage: java -jar perf-benchmarks/target/perfkit-demo.jar [options]",
            "",
            "Runs a small shop (catalog, customers, orders, a storefront page) on Jetty and PostgreSQL and measures",
            "it step by step as each perfkit module is switched on: plain, perf-db, perf-pool, perf-cache,",
            "perf-cache-redis, perf-assets. Prints a before/after table and writes demo-report.json and",
            "demo-report.html.",
            "",
            "  --quick               smaller data and shorter steps (under 2 minutes); what CI runs",
            "  --pg-url URL          an existing PostgreSQL server (jdbc:postgresql://host:port/db); the demo",
            "                        creates and uses the database perfkit_demo_<scale> there",
            "  --pg-user NAME        its user (default postgres)",
            "  --pg-password TEXT    its password (default empty)",
            "  --redis-url URL       Redis for the distributed step (redis://host:port); default: start a local",
            "                        redis-server when one is installed, else skip the step and say why",
            "  --no-redis            skip the distributed step",
            "  --no-http-cache       skip the HTTP response cache step (and keep it out of the later steps)",
            "  --out DIR             where the report goes (default target/perfkit-demo)",
            "  --data-dir DIR        where the embedded PostgreSQL keeps its data between runs",
            "                        (default: perfkit-demo-data in the temporary folder)",
            "  --seconds N           measured seconds per step (default 30, quick 6)",
            "  --clients N           concurrent load-generator clients, 1-256 (default 16, quick 8)",
            "  --port N              the first port the shop listens on (default: any free port)",
            "  --help                this text",
            "",
            "Exit codes: 0 done, 1 a step failed its check, 2 bad option or environment, 130 interrupted.");

    static DemoOptions parse(String... args) {
        boolean quick = false;
        boolean help = false;
        boolean noRedis = false;
        boolean httpCache = true;
        String pgUrl = null;
        String pgUser = "postgres";
        String pgPassword = "";
        String redisUrl = null;
        Path out = Path.of("target", "perfkit-demo");
        // Under the temporary folder: PostgreSQL runs as nobody when the JVM is root, and nobody cannot enter /root.
        Path dataDir = Path.of(System.getProperty("java.io.tmpdir"), "perfkit-demo-data");
        Duration measure = null;
        int clients = 0;
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "--help", "-h" -> help = true;
                case "--no-redis" -> noRedis = true;
                case "--no-http-cache" -> httpCache = false;
                case "--pg-url" -> {
                    pgUrl = value(args, ++i, arg);
                    if (!pgUrl.startsWith("jdbc:postgresql://")) {
                        throw new DemoException(
                                "--pg-url must be a jdbc:postgresql://host:port/database URL, but was " + pgUrl);
                    }
                }
                case "--pg-user" -> pgUser = value(args, ++i, arg);
                case "--pg-password" -> pgPassword = value(args, ++i, arg);
                case "--redis-url" -> {
                    redisUrl = value(args, ++i, arg);
                    if (!redisUrl.startsWith("redis://")) {
                        throw new DemoException("--redis-url must be a redis://host:port URL, but was " + redisUrl);
                    }
                }
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--seconds" -> measure = Duration.ofSeconds(number(args, ++i, arg, 1, 3600));
                case "--clients" -> clients = number(args, ++i, arg, 1, 256);
                case "--port" -> port = number(args, ++i, arg, 1, 65_000);
                default -> throw new DemoException("unknown option " + arg + " (see --help)");
            }
        }
        return new DemoOptions(
                quick,
                pgUrl,
                pgUser,
                pgPassword,
                redisUrl,
                noRedis,
                httpCache,
                out,
                dataDir,
                measure,
                clients,
                port,
                help);
    }

    Scale scale() {
        Scale base = quick ? Scale.QUICK : Scale.DEFAULT;
        Duration m = measure == null ? base.measure() : measure;
        Duration warmup = measure == null ? base.warmup() : Duration.ofSeconds(Math.max(1, m.toSeconds() / 3));
        return base.withTimes(warmup, m, clients == 0 ? base.clients() : clients);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new DemoException(option + " needs a value (see --help)");
        }
        return args[i];
    }

    private static int number(String[] args, int i, String option, int min, int max) {
        String text = value(args, i, option);
        try {
            int n = Integer.parseInt(text);
            if (n < min || n > max) {
                throw new DemoException(option + " must be between " + min + " and " + max + ", but was " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new DemoException(
                    option + " must be a whole number between " + min + " and " + max + ", but was " + text);
        }
    }
}
