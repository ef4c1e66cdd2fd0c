package dev.perfkit.benchmarks.advisor;

import dev.perfkit.db.advisor.Workload;
import dev.perfkit.db.advisor.WorkloadQuery;
import dev.perfkit.testsupport.Postgres;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * A held-out shop: a schema and weighted queries that none of the advisor's tests or other benchmarks use, for
 * {@link AdvisorComparisonBenchmark}. 40k customers, 10k products, 400k orders and 800k order lines (1.25M rows,
 * scaled down from the few million so that it loads in under a minute on two shared cores), primary keys
 * only. Each query carries its calls per run of the workload: the weights of the comparison.
 */
final class ShopWorkload {
    record Query(String sql, int calls, Function<Random, Object[]> params) {}

    static final int CUSTOMERS = 40_000;
    static final int PRODUCTS = 10_000;
    static final int ORDERS = 400_000;
    static final int LINES = 800_000;
    static final int STORES = 200;
    private static final OffsetDateTime START = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    /** Orders span 400k minutes (about 278 days) from START, one a minute. */
    private static final int SPAN_MINUTES = ORDERS;

    static final List<Query> QUERIES = List.of(
            q(
                    "SELECT id, total, created_at FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 20",
                    40,
                    r -> args(customer(r))),
            q(
                    "SELECT id, customer_id, total FROM orders WHERE status = 'pending' AND created_at >= $1"
                            + " ORDER BY created_at LIMIT 50",
                    30,
                    r -> args(at(r, 0))),
            q(
                    "SELECT count(*), sum(total) FROM orders WHERE store_id = $1 AND status = 'shipped'"
                            + " AND created_at >= $2 AND created_at < $3",
                    20,
                    r -> window(r, r.nextInt(STORES), 7 * 24 * 60)),
            q(
                    "SELECT product_id, quantity FROM order_items WHERE order_id = $1",
                    40,
                    r -> args((long) (1 + r.nextInt(ORDERS)))),
            q(
                    "SELECT sum(quantity) FROM order_items WHERE product_id = $1 AND shipped_on >= $2",
                    15,
                    r -> args(product(r), at(r, 0).toLocalDate())),
            q(
                    "SELECT id, name FROM customers WHERE country = $1 AND tier = $2 ORDER BY signed_up DESC LIMIT 25",
                    10,
                    r -> args(r.nextInt(40), r.nextInt(4))),
            q("SELECT id, country FROM customers WHERE email = $1", 25, r -> args(email(r))),
            q(
                    "SELECT id, price FROM products WHERE category_id = $1 AND active ORDER BY price LIMIT 30",
                    15,
                    r -> args(r.nextInt(100))),
            q(
                    "SELECT o.id, o.total FROM orders o JOIN customers c ON c.id = o.customer_id"
                            + " WHERE c.email = $1 AND o.status = 'pending'",
                    10,
                    r -> args(email(r))),
            q(
                    "SELECT id FROM orders WHERE shipped_at IS NULL AND status = 'paid' AND created_at < $1"
                            + " ORDER BY created_at LIMIT 100",
                    8,
                    r -> args(at(r, 0))),
            q(
                    "SELECT oi.order_id FROM order_items oi JOIN products p ON p.id = oi.product_id"
                            + " WHERE p.sku = $1 ORDER BY oi.order_id DESC LIMIT 10",
                    6,
                    r -> args("S" + product(r))),
            q(
                    "UPDATE orders SET status = 'shipped', shipped_at = now() WHERE id = $1",
                    20,
                    r -> args((long) (1 + r.nextInt(ORDERS)))),
            q("UPDATE products SET stock = stock - 1 WHERE id = $1", 20, r -> args(product(r))));

    private ShopWorkload() {}

    static TestDatabase create() {
        TestDatabase db = Postgres.shared().createDatabase("bench_shop");
        db.tryCreateExtension("hypopg");
        db.execute(
                "CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL, name text NOT NULL,"
                        + " country int NOT NULL, tier int NOT NULL, signed_up timestamptz NOT NULL)",
                "INSERT INTO customers SELECT g, 'c' || g || '@shop.example', 'name ' || g, (g * 17) % 40, g % 4,"
                        + " timestamptz '2020-01-01' + (g::bigint * 7919 % 1000000) * interval '1 minute'"
                        + " FROM generate_series(1, " + CUSTOMERS + ") g",
                "CREATE TABLE products (id int PRIMARY KEY, sku text NOT NULL, category_id int NOT NULL,"
                        + " price numeric(10,2) NOT NULL, active boolean NOT NULL, stock int NOT NULL, descr text)",
                "INSERT INTO products SELECT g, 'S' || g, g % 100, (g * 37 % 10000) / 100.0, g % 5 <> 0, 100,"
                        + " repeat('d', 100) FROM generate_series(1, " + PRODUCTS + ") g",
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, store_id int NOT NULL,"
                        + " status text NOT NULL, total numeric(10,2) NOT NULL, created_at timestamptz NOT NULL,"
                        + " shipped_at timestamptz, note text)",
                // 1% pending, 4% paid, the rest shipped: the queue states are rare
                "INSERT INTO orders SELECT g, 1 + (g::bigint * 104729) % " + CUSTOMERS + ", (g * 13) % " + STORES + ","
                        + " CASE WHEN g % 100 = 0 THEN 'pending' WHEN g % 100 < 5 THEN 'paid' ELSE 'shipped' END,"
                        + " (g % 50000) / 100.0, timestamptz '2024-01-01' + g * interval '1 minute',"
                        + " CASE WHEN g % 100 >= 5 THEN timestamptz '2024-01-02' + g * interval '1 minute' END,"
                        + " repeat('n', 40) FROM generate_series(1, " + ORDERS + ") g",
                "CREATE TABLE order_items (id bigint PRIMARY KEY, order_id bigint NOT NULL, product_id int NOT NULL,"
                        + " quantity int NOT NULL, shipped_on date NOT NULL)",
                "INSERT INTO order_items SELECT g, 1 + (g - 1) / 2, 1 + (g::bigint * 7907) % " + PRODUCTS + ","
                        + " 1 + g % 5, date '2024-01-01' + ((g - 1) / 2) / 1440 FROM generate_series(1, " + LINES
                        + ") g",
                "VACUUM ANALYZE");
        return db;
    }

    /** The workload as the advisor sees it: each statement with its calls per run. */
    static Workload workload() {
        return Workload.of(QUERIES.stream()
                .map(q -> new WorkloadQuery(q.sql(), q.calls(), 0))
                .toList());
    }

    /** One run of the weighted workload: each query as many times as its calls; returns the rows seen. */
    static long run(Connection c, Random random) throws SQLException {
        long rows = 0;
        for (Query q : QUERIES) {
            try (PreparedStatement ps = c.prepareStatement(q.sql().replaceAll("\\$\\d+", "?"))) {
                for (int i = 0; i < q.calls(); i++) {
                    Object[] args = q.params().apply(random);
                    for (int a = 0; a < args.length; a++) {
                        ps.setObject(a + 1, args[a]);
                    }
                    if (ps.execute()) {
                        try (ResultSet rs = ps.getResultSet()) {
                            while (rs.next()) {
                                rows++;
                            }
                        }
                    } else {
                        rows += ps.getUpdateCount();
                    }
                }
            }
        }
        return rows;
    }

    private static Query q(String sql, int calls, Function<Random, Object[]> params) {
        return new Query(sql, calls, params);
    }

    private static Object[] args(Object... values) {
        return values;
    }

    private static int customer(Random r) {
        return 1 + r.nextInt(CUSTOMERS);
    }

    private static int product(Random r) {
        return 1 + r.nextInt(PRODUCTS);
    }

    private static String email(Random r) {
        return "c" + customer(r) + "@shop.example";
    }

    private static OffsetDateTime at(Random r, int offsetMinutes) {
        return START.plusMinutes(r.nextInt(SPAN_MINUTES) + offsetMinutes);
    }

    private static Object[] window(Random r, int store, int minutes) {
        OffsetDateTime from = at(r, 0);
        return args(store, from, from.plusMinutes(minutes));
    }
}
