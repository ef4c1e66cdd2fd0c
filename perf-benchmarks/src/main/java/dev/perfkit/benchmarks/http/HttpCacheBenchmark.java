package dev.perfkit.benchmarks.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.cache.http.CachePolicy;
import dev.perfkit.cache.http.CacheRoute;
import dev.perfkit.cache.http.HttpResponseCache;
import dev.perfkit.cache.http.ResourceVersion;
import dev.perfkit.cache.http.servlet.ResponseCacheFilter;
import dev.perfkit.testsupport.JettyServer;
import dev.perfkit.testsupport.Postgres;
import dev.perfkit.testsupport.TestDatabase;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Requests through a real Jetty and java.net.http to a product-listing API whose handler costs what such an endpoint
 * costs: one PostgreSQL query over a category's 300 products joined with their 1,500 reviews (grouped, averaged,
 * ordered) and Jackson rendering of the 300-item JSON list (about 45 KB). {@code Listing}: the handler every time (no
 * filter) vs the response cache serving a stored response (a hit). {@code NotModified}: a client that has the current
 * ETag, answered by a shallow-ETag filter that renders and hashes (what Spring's ShallowEtagHeaderFilter does) vs
 * perfkit's deep ETag (one primary-key query for the category's version, nothing rendered).
 *
 * <p>The load side is a minimal keep-alive HTTP/1.1 client per thread ({@link KeepAliveClient}), as wrk is:
 * java.net.http's client cost more of the two cores per request than a hit costs the server. Client-side throughput
 * still includes the round trip on loopback, which bounds the cheap variants from above; so each server also counts
 * the time spent inside it (an outermost filter). Set-up prints a sequential probe of the four servers and a fifth,
 * the floor of any cache in the origin (a servlet that writes the same bytes from memory): each warmed for 4 s, then
 * 500 measured requests each, with the two server-side ratios. Tear-down prints the measured server's mean.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class HttpCacheBenchmark {
    static final int CATEGORIES = 20;
    static final int PRODUCTS_PER_CATEGORY = 300;
    static final int REVIEWS_PER_PRODUCT = 5;
    /** How long the server-side probe warms each server before it measures. */
    static final long PROBE_WARM_MILLIS = 4000;

    private TestDatabase database;
    private HikariDataSource pool;
    private JettyServer baseline;
    private JettyServer cached;
    private JettyServer deep;
    private JettyServer shallow;
    private JettyServer floor;
    private final Map<String, ServerTime> serverTimes = new LinkedHashMap<>();
    private HttpClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, String> shallowEtags = new LinkedHashMap<>();
    private final Map<Integer, String> deepEtags = new LinkedHashMap<>();

    @Setup
    public void setUp(org.openjdk.jmh.infra.BenchmarkParams params) throws Exception {
        database = Postgres.shared().createDatabase("bench_http_cache");
        int products = CATEGORIES * PRODUCTS_PER_CATEGORY;
        database.execute(
                "drop table if exists review",
                "drop table if exists product",
                "drop table if exists category",
                "create table category (id int primary key, name text not null, version int not null)",
                "create table product (id int primary key, category_id int not null references category,"
                        + " name text not null, description text not null, price numeric not null,"
                        + " stock int not null, version int not null)",
                "create table review (id serial primary key, product_id int not null references product,"
                        + " stars int not null, body text not null)",
                "insert into category select g, 'category ' || g, 1 from generate_series(1, " + CATEGORIES + ") g",
                "insert into product select g, 1 + (g % " + CATEGORIES + "), 'product ' || g,"
                        + " 'a product of the listing, ' || md5(g::text), (g % 997) * 1.25, g % 50, 1"
                        + " from generate_series(1, " + products + ") g",
                "insert into review (product_id, stars, body) select p, 1 + (r % 5), md5(p::text || r::text)"
                        + " from generate_series(1, " + products + ") p, generate_series(1, "
                        + REVIEWS_PER_PRODUCT + ") r",
                "create index on product (category_id)",
                "create index on review (product_id)",
                "vacuum analyze");
        HikariConfig config = new HikariConfig();
        config.setDataSource(database.dataSource());
        config.setMaximumPoolSize(4);
        pool = new HikariDataSource(config);
        HttpServlet handler = new ListingServlet();
        baseline = timed("baseline", null, handler);
        HttpResponseCache hitCache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/categories/*")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .maxAge(Duration.ofHours(1))
                                .build())
                        .build())
                .build();
        cached = timed("perfkit hit", new ResponseCacheFilter(hitCache), handler);
        HttpResponseCache deepCache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/categories/*")
                        .policy(CachePolicy.builder().noCache().build())
                        // the handler renders from the database, so the version is read there too
                        .version(request -> ResourceVersion.of(version(id(request.path()))))
                        .build())
                .build();
        deep = timed("perfkit deep 304", new ResponseCacheFilter(deepCache), handler);
        shallow = timed("shallow 304", new ShallowEtagFilter(), handler);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<Integer, byte[]> bodies = new LinkedHashMap<>();
        for (int i = 1; i <= CATEGORIES; i++) {
            bodies.put(i, get(baseline, i, null).body());
        }
        floor = timed("bytes in memory", null, new BytesServlet(bodies));
        for (int i = 1; i <= CATEGORIES; i++) {
            shallowEtags.put(
                    i, get(shallow, i, null).headers().firstValue("ETag").orElseThrow());
            deepEtags.put(i, get(deep, i, null).headers().firstValue("ETag").orElseThrow());
            get(cached, i, null);
        }
        HttpResponse<byte[]> sample = get(baseline, 1, null);
        check(sample.body().length > 20_000, "a listing of about 30 KB (was " + sample.body().length + ")");
        check(get(shallow, 1, shallowEtags.get(1)).statusCode() == 304, "shallow 304");
        check(get(deep, 1, deepEtags.get(1)).statusCode() == 304, "deep 304");
        check(hitCache.stats().storedCount() == CATEGORIES, "all stored");
        // the load side reads what java.net.http reads: a chunked 200, a stored 200 with its length, a 304
        try (KeepAliveClient plain = new KeepAliveClient(baseline.port());
                KeepAliveClient hit = new KeepAliveClient(cached.port());
                KeepAliveClient conditional = new KeepAliveClient(deep.port())) {
            for (int round = 0; round < 2; round++) { // twice: the connection is reused
                check(
                        plain.send(plain.request("/categories/1", null)) == 200_000_000L + sample.body().length,
                        "the keep-alive client reads the handler's 200 whole");
                check(
                        hit.send(hit.request("/categories/1", null)) == 200_000_000L + sample.body().length,
                        "the keep-alive client reads a hit whole");
                check(
                        conditional.send(conditional.request("/categories/1", deepEtags.get(1))) == 304_000_000L,
                        "the keep-alive client reads a 304");
            }
        }
        if (params.getBenchmark().endsWith(".perfkitListing")) {
            serverSideProbe(); // once per run: it times all four servers, whichever method's fork it is in
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark setup: " + what + " does not hold");
        }
    }

    private JettyServer timed(String name, @Nullable Filter filter, HttpServlet servlet) {
        ServerTime time = new ServerTime();
        serverTimes.put(name, time);
        return JettyServer.servlets(context -> {
            context.addFilter(new FilterHolder(time), "/*", EnumSet.of(DispatcherType.REQUEST));
            if (filter != null) {
                context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
            }
            context.addServlet(new ServletHolder(servlet), "/*");
        });
    }

    /** The time requests spend inside the server, from the outermost filter in and back. */
    static final class ServerTime implements Filter {
        private final LongAdder requests = new LongAdder();
        private final LongAdder nanos = new LongAdder();

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            long t0 = System.nanoTime();
            try {
                chain.doFilter(request, response);
            } finally {
                nanos.add(System.nanoTime() - t0);
                requests.increment();
            }
        }

        void reset() {
            requests.reset();
            nanos.reset();
        }

        double meanMicros() {
            long n = requests.sum();
            return n == 0 ? Double.NaN : nanos.sum() / 1000.0 / n;
        }
    }

    /**
     * The server-side measure, once per run, in {@code perfkitListing}'s fork (JMH runs each benchmark method in
     * its own fork, so the measured iterations only ever time one server): each server is first warmed for the
     * same wall time ({@link #PROBE_WARM_MILLIS}), then one client thread sends the same number of requests to each
     * of the five servers in turn; prints each server's mean time inside Jetty and the two ratios.
     *
     * <p>The warm-up is by time, not by count: 300 requests each (this probe's warm-up until December 2026) warm the
     * handler's 90,000 rendered items but leave a hit's own code interpreted or in C1, and made the hit look 170 us
     * dearer than writing the same bytes from memory, where the measured iterations, warm, show it at about the
     * floor.
     */
    private void serverSideProbe() throws Exception {
        int measured = 500;
        JettyServer[] servers = {baseline, cached, shallow, deep, floor};
        String[] names = {"baseline", "perfkit hit", "shallow 304", "perfkit deep 304", "bytes in memory"};
        for (int k = 0; k < servers.length; k++) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROBE_WARM_MILLIS);
            for (int i = 0; System.nanoTime() < end; i++) {
                int id = 1 + i % CATEGORIES;
                get(servers[k], id, etagFor(k, id));
            }
        }
        serverTimes.values().forEach(ServerTime::reset);
        for (int i = 0; i < measured; i++) {
            for (int k = 0; k < servers.length; k++) {
                int id = 1 + i % CATEGORIES;
                get(servers[k], id, etagFor(k, id));
            }
        }
        StringBuilder sb = new StringBuilder("\nserver-side probe (" + measured
                + " sequential requests each, mean time inside Jetty from the outermost filter):\n");
        for (String name : names) {
            sb.append(String.format(Locale.ROOT, "  %-18s %10.1f us%n", name, meanMicros(name)));
        }
        sb.append(String.format(
                Locale.ROOT,
                "  server-side: hit %.1fx cheaper than the handler (target 20x);"
                        + " deep 304 %.1fx cheaper than the shallow 304 (target 5x)%n",
                meanMicros("baseline") / meanMicros("perfkit hit"),
                meanMicros("shallow 304") / meanMicros("perfkit deep 304")));
        sb.append(String.format(
                Locale.ROOT,
                "  the floor: a servlet that writes the same bytes from memory takes %.1f us (%.1fx cheaper than"
                        + " the handler); the hit adds %.1f us to it%n",
                meanMicros("bytes in memory"),
                meanMicros("baseline") / meanMicros("bytes in memory"),
                meanMicros("perfkit hit") - meanMicros("bytes in memory")));
        System.out.print(sb);
        serverTimes.values().forEach(ServerTime::reset);
    }

    /** The If-None-Match the probe sends to server {@code k} of its array: the current ETag for the 304 servers. */
    private @Nullable String etagFor(int k, int id) {
        return k == 2 ? shallowEtags.get(id) : k == 3 ? deepEtags.get(id) : null;
    }

    @TearDown
    public void tearDown() throws Exception {
        StringBuilder sb = new StringBuilder("\nserver-side mean per request during the measured iterations:\n");
        serverTimes.forEach((name, t) -> {
            if (t.requests.sum() > 0) {
                sb.append(String.format(
                        Locale.ROOT, "  %-18s %10.1f us  (%d requests)%n", name, t.meanMicros(), t.requests.sum()));
            }
        });
        System.out.print(sb);
        for (JettyServer s : new JettyServer[] {baseline, cached, deep, shallow, floor}) {
            s.close();
        }
        pool.close();
        database.close();
    }

    private double meanMicros(String server) {
        ServerTime t = serverTimes.get(server);
        return t == null ? Double.NaN : t.meanMicros();
    }

    static int id(String path) {
        return Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
    }

    int version(int category) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement s = c.prepareStatement("select version from category where id = ?")) {
            s.setInt(1, category);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /**
     * The handler: a category's products with their review count and average stars, most expensive first, from
     * PostgreSQL, rendered with Jackson, as a product-listing API does.
     */
    final class ListingServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            int category = id(req.getRequestURI());
            List<Map<String, Object>> items = new ArrayList<>(PRODUCTS_PER_CATEGORY);
            try (Connection c = pool.getConnection();
                    PreparedStatement s = c.prepareStatement("select p.id, p.name, p.description, p.price, p.stock,"
                            + " p.version, count(r.id), coalesce(avg(r.stars), 0)"
                            + " from product p left join review r on r.product_id = p.id"
                            + " where p.category_id = ? group by p.id order by p.price desc, p.id")) {
                s.setInt(1, category);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Map<String, Object> item = new LinkedHashMap<>();
                        item.put("id", r.getInt(1));
                        item.put("name", r.getString(2));
                        item.put("description", r.getString(3));
                        item.put("price", r.getBigDecimal(4));
                        item.put("stock", r.getInt(5));
                        item.put("version", r.getInt(6));
                        item.put("reviews", r.getLong(7));
                        item.put("stars", r.getBigDecimal(8));
                        items.add(item);
                    }
                }
            } catch (SQLException e) {
                throw new IOException(e);
            }
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("category", category);
            page.put("count", items.size());
            page.put("items", items);
            res.setContentType("application/json");
            json.writeValue(res.getOutputStream(), page);
        }
    }

    /**
     * The floor of any cache inside the origin: a servlet that already holds each category's rendered bytes and
     * writes them with their length, as a hit must; what the hit costs beyond it is the cache's own work.
     */
    static final class BytesServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient Map<Integer, byte[]> bodies;

        BytesServlet(Map<Integer, byte[]> bodies) {
            this.bodies = bodies;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            byte[] body = java.util.Objects.requireNonNull(bodies.get(id(req.getRequestURI())));
            res.setContentType("application/json");
            res.setContentLength(body.length);
            res.getOutputStream().write(body);
        }
    }

    /**
     * What Spring's ShallowEtagHeaderFilter does: buffer the whole response, MD5 it into an ETag, answer 304 when
     * If-None-Match matches, else send the body.
     */
    static final class ShallowEtagFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest req = (HttpServletRequest) request;
            HttpServletResponse res = (HttpServletResponse) response;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            ServletOutputStream capture = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {}

                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    body.write(b, off, len);
                }
            };
            chain.doFilter(request, new HttpServletResponseWrapper(res) {
                @Override
                public ServletOutputStream getOutputStream() {
                    return capture;
                }

                @Override
                public PrintWriter getWriter() {
                    return new PrintWriter(new java.io.OutputStreamWriter(capture, StandardCharsets.UTF_8));
                }
            });
            byte[] bytes = body.toByteArray();
            String etag;
            try {
                etag = "\"0"
                        + HexFormat.of()
                                .formatHex(MessageDigest.getInstance("MD5").digest(bytes)) + "\"";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            res.setHeader("ETag", etag);
            if (etag.equals(req.getHeader("If-None-Match"))) {
                res.setStatus(304);
                return;
            }
            res.setContentLength(bytes.length);
            res.getOutputStream().write(bytes);
        }
    }

    private HttpResponse<byte[]> get(JettyServer server, int id, @Nullable String etag) throws Exception {
        HttpRequest.Builder r =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/categories/" + id));
        if (etag != null) {
            r.header("If-None-Match", etag);
        }
        return client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static int randomId() {
        return 1 + ThreadLocalRandom.current().nextInt(CATEGORIES);
    }

    /**
     * Each benchmark thread's keep-alive connections (see {@link KeepAliveClient}) to the four servers, with every
     * request made in advance: index 0 by category id - 1.
     */
    @State(Scope.Thread)
    public static class Connections {
        KeepAliveClient baseline;
        KeepAliveClient cached;
        KeepAliveClient shallow;
        KeepAliveClient deep;
        byte[][] listing;
        byte[][] cachedListing;
        byte[][] shallowConditional;
        byte[][] deepConditional;

        @Setup
        public void open(HttpCacheBenchmark b) throws IOException {
            baseline = new KeepAliveClient(b.baseline.port());
            cached = new KeepAliveClient(b.cached.port());
            shallow = new KeepAliveClient(b.shallow.port());
            deep = new KeepAliveClient(b.deep.port());
            listing = new byte[CATEGORIES][];
            cachedListing = new byte[CATEGORIES][];
            shallowConditional = new byte[CATEGORIES][];
            deepConditional = new byte[CATEGORIES][];
            for (int id = 1; id <= CATEGORIES; id++) {
                listing[id - 1] = baseline.request("/categories/" + id, null);
                cachedListing[id - 1] = cached.request("/categories/" + id, null);
                shallowConditional[id - 1] = shallow.request("/categories/" + id, b.shallowEtags.get(id));
                deepConditional[id - 1] = deep.request("/categories/" + id, b.deepEtags.get(id));
            }
        }

        @TearDown
        public void close() throws IOException {
            for (KeepAliveClient c : new KeepAliveClient[] {baseline, cached, shallow, deep}) {
                c.close();
            }
        }
    }

    /** Fails the benchmark on a response that is not {@code status}: a throughput of errors is no result. */
    private static long expect(int status, long response) {
        if (response / 1_000_000L != status) {
            throw new IllegalStateException("expected a " + status + ", got a " + response / 1_000_000L);
        }
        return response;
    }

    @Benchmark
    public long baselineListing(Connections c) throws Exception {
        return expect(200, c.baseline.send(c.listing[randomId() - 1]));
    }

    @Benchmark
    public long perfkitListing(Connections c) throws Exception {
        return expect(200, c.cached.send(c.cachedListing[randomId() - 1]));
    }

    @Benchmark
    public long baselineNotModified(Connections c) throws Exception {
        return expect(304, c.shallow.send(c.shallowConditional[randomId() - 1]));
    }

    @Benchmark
    public long perfkitNotModified(Connections c) throws Exception {
        return expect(304, c.deep.send(c.deepConditional[randomId() - 1]));
    }
}
