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
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * Requests through a real Jetty and java.net.http to a handler that costs a real PostgreSQL query (a product and its
 * 50 reviews) and Jackson rendering. {@code Product}: the handler every time (no filter) vs the response cache
 * serving a stored response (a hit). {@code NotModified}: a client that has the current ETag, answered by a
 * shallow-ETag filter that renders and hashes (what Spring's ShallowEtagHeaderFilter does) vs perfkit's deep ETag (one
 * primary-key query for the version, nothing rendered).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class HttpCacheBenchmark {
    static final int PRODUCTS = 100;
    static final int REVIEWS = 50;

    private TestDatabase database;
    private HikariDataSource pool;
    private JettyServer baseline;
    private JettyServer cached;
    private JettyServer deep;
    private JettyServer shallow;
    private HttpClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, String> shallowEtags = new LinkedHashMap<>();
    private final Map<Integer, String> deepEtags = new LinkedHashMap<>();

    @Setup
    public void setUp() throws Exception {
        database = Postgres.shared().createDatabase("bench_http_cache");
        database.execute(
                "drop table if exists review",
                "drop table if exists product",
                "create table product (id int primary key, name text not null, price numeric not null, version int not null)",
                "create table review (id serial primary key, product_id int not null references product, stars int not null, body text not null)",
                "insert into product select g, 'product ' || g, g * 1.5, 1 from generate_series(1, " + PRODUCTS + ") g",
                "insert into review (product_id, stars, body) select p, 1 + (r % 5), repeat(md5(p::text || r::text), 3)"
                        + " from generate_series(1, " + PRODUCTS + ") p, generate_series(1, " + REVIEWS + ") r",
                "create index on review (product_id)",
                "vacuum analyze");
        HikariConfig config = new HikariConfig();
        config.setDataSource(database.dataSource());
        config.setMaximumPoolSize(4);
        pool = new HikariDataSource(config);
        HttpServlet handler = new ProductServlet();
        baseline = JettyServer.servlet(handler);
        HttpResponseCache hitCache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/products/*")
                        .policy(CachePolicy.builder()
                                .publicResponse()
                                .maxAge(Duration.ofHours(1))
                                .build())
                        .build())
                .build();
        cached = withFilter(new ResponseCacheFilter(hitCache), handler);
        HttpResponseCache deepCache = HttpResponseCache.builder()
                .route(CacheRoute.builder("/products/*")
                        .policy(CachePolicy.builder().noCache().build())
                        .version(request -> ResourceVersion.of(version(id(request.path()))))
                        .build())
                .build();
        deep = withFilter(new ResponseCacheFilter(deepCache), handler);
        shallow = withFilter(new ShallowEtagFilter(), handler);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 1; i <= PRODUCTS; i++) {
            shallowEtags.put(
                    i, get(shallow, i, null).headers().firstValue("ETag").orElseThrow());
            deepEtags.put(i, get(deep, i, null).headers().firstValue("ETag").orElseThrow());
            get(cached, i, null);
        }
        check(get(shallow, 1, shallowEtags.get(1)).statusCode() == 304, "shallow 304");
        check(get(deep, 1, deepEtags.get(1)).statusCode() == 304, "deep 304");
        check(hitCache.stats().storedCount() == PRODUCTS, "all stored");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark setup: " + what + " does not hold");
        }
    }

    private static JettyServer withFilter(Filter filter, HttpServlet servlet) {
        return JettyServer.servlets(context -> {
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(servlet), "/*");
        });
    }

    @TearDown
    public void tearDown() throws Exception {
        for (JettyServer s : new JettyServer[] {baseline, cached, deep, shallow}) {
            s.close();
        }
        pool.close();
        database.close();
    }

    static int id(String path) {
        return Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
    }

    int version(int id) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement s = c.prepareStatement("select version from product where id = ?")) {
            s.setInt(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** The handler: the product and its reviews from PostgreSQL, rendered with Jackson. */
    final class ProductServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            int id = id(req.getRequestURI());
            Map<String, Object> product = new LinkedHashMap<>();
            List<Map<String, Object>> reviews = new ArrayList<>();
            try (Connection c = pool.getConnection();
                    PreparedStatement s = c.prepareStatement("select p.id, p.name, p.price, p.version, r.stars, r.body"
                            + " from product p join review r on r.product_id = p.id where p.id = ? order by r.id")) {
                s.setInt(1, id);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        if (product.isEmpty()) {
                            product.put("id", r.getInt(1));
                            product.put("name", r.getString(2));
                            product.put("price", r.getBigDecimal(3));
                            product.put("version", r.getInt(4));
                        }
                        reviews.add(Map.of("stars", r.getInt(5), "body", r.getString(6)));
                    }
                }
            } catch (SQLException e) {
                throw new IOException(e);
            }
            product.put("reviews", reviews);
            res.setContentType("application/json");
            json.writeValue(res.getOutputStream(), product);
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
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/products/" + id));
        if (etag != null) {
            r.header("If-None-Match", etag);
        }
        return client.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static int randomId() {
        return 1 + ThreadLocalRandom.current().nextInt(PRODUCTS);
    }

    @Benchmark
    public int baselineProduct() throws Exception {
        return get(baseline, randomId(), null).body().length;
    }

    @Benchmark
    public int perfkitProduct() throws Exception {
        return get(cached, randomId(), null).body().length;
    }

    @Benchmark
    public int baselineNotModified() throws Exception {
        int id = randomId();
        return get(shallow, id, shallowEtags.get(id)).statusCode();
    }

    @Benchmark
    public int perfkitNotModified() throws Exception {
        int id = randomId();
        return get(deep, id, deepEtags.get(id)).statusCode();
    }
}
