package dev.perfkit.benchmarks.advisor;

import dev.perfkit.db.advisor.Workload;
import dev.perfkit.db.advisor.WorkloadQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The 33 query shapes of the benchmark, as {@code $n} statements with random parameter generators. */
final class AdvisorBenchWorkload {
    record Shape(String sql, Function<Random, Object[]> params) {}

    private static final OffsetDateTime ORDERS_START = OffsetDateTime.of(2023, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime CUSTOMERS_START = OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime EVENTS_START = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final Pattern SELECT_STAR = Pattern.compile("^SELECT (.+?) FROM (orders|customers|events) WHERE");

    static final List<Shape> SHAPES = List.of(
            shape("SELECT * FROM orders WHERE customer_id = $1", r -> args(customer(r))),
            shape("SELECT * FROM orders WHERE sku = $1", r -> args(r.nextInt(10000))),
            shape("SELECT * FROM orders WHERE ref = $1", r -> args("r" + (1 + r.nextInt(1000000)))),
            shape(
                    "SELECT * FROM orders WHERE store_id = $1 AND created_at >= $2 AND created_at < $3",
                    r -> window(r.nextInt(500), ORDERS_START, r, 340 * 24, 24)),
            shape("SELECT * FROM orders WHERE region = $1 AND sku = $2", r -> args(r.nextInt(50), r.nextInt(10000))),
            shape(
                    "SELECT * FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 10",
                    r -> args(customer(r))),
            shape(
                    "SELECT id, total FROM orders WHERE store_id = $1 ORDER BY total DESC LIMIT 5",
                    r -> args(r.nextInt(500))),
            shape("SELECT * FROM orders WHERE coupon_code = $1", r -> args("C" + (1 + r.nextInt(10000)))),
            shape(
                    "SELECT count(*) FROM orders WHERE created_at >= $1 AND created_at < $2",
                    r -> window(null, ORDERS_START, r, 340 * 24, 1)),
            shape(
                    "SELECT id FROM orders WHERE shipped_at >= $1 AND shipped_at < $2",
                    r -> window(null, ORDERS_START, r, 340 * 24, 1)),
            shape(
                    "SELECT count(*) FROM orders WHERE sku = $1 AND status = $2",
                    r -> args(r.nextInt(10000), r.nextInt(5))),
            shape(
                    "SELECT * FROM orders WHERE priority = $1 AND store_id = $2 AND channel = $3",
                    r -> args(r.nextInt(10), r.nextInt(500), r.nextInt(8))),
            shape(
                    "SELECT o.id, o.total FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.email = $1",
                    r -> args(email(r))),
            shape("SELECT * FROM customers WHERE email = $1", r -> args(email(r))),
            shape("SELECT * FROM customers WHERE city_id = $1 AND tier = $2", r -> args(r.nextInt(2000), r.nextInt(5))),
            shape("SELECT id FROM customers WHERE referrer_id = $1", r -> args(customer(r))),
            shape(
                    "SELECT * FROM customers WHERE created_at >= $1 AND created_at < $2",
                    r -> window(null, CUSTOMERS_START, r, 1000 * 24, 24)),
            shape(
                    "SELECT * FROM customers WHERE country = $1 AND created_at >= $2 ORDER BY created_at LIMIT 20",
                    r -> args(r.nextInt(50), CUSTOMERS_START.plusHours(r.nextInt(1000 * 24)))),
            shape("SELECT * FROM events WHERE account_id = $1", r -> args(customer(r))),
            shape("SELECT * FROM events WHERE session_id = $1", r -> args(r.nextInt(200000))),
            shape("SELECT * FROM events WHERE account_id = $1 AND kind = $2", r -> args(customer(r), r.nextInt(20))),
            shape(
                    "SELECT count(*) FROM events WHERE at >= $1 AND at < $2",
                    r -> window(null, EVENTS_START, r, 340 * 24, 1)),
            shape("SELECT * FROM events WHERE kind = $1 ORDER BY at DESC LIMIT 10", r -> args(r.nextInt(20))),
            shape("UPDATE orders SET status = status WHERE ref = $1", r -> args("r" + (1 + r.nextInt(1000000)))),
            shape("UPDATE customers SET tier = tier WHERE email = $1", r -> args(email(r))),
            shape("SELECT * FROM orders WHERE customer_id = $1 AND status = $2", r -> args(customer(r), r.nextInt(5))),
            shape(
                    "SELECT sum(total) FROM orders WHERE store_id = $1 AND created_at >= $2 AND created_at < $3",
                    r -> window(r.nextInt(500), ORDERS_START, r, 330 * 24, 24 * 7)),
            shape(
                    "SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.referrer_id = $1",
                    r -> args(customer(r))),
            shape(
                    "SELECT e.id FROM events e JOIN customers c ON c.id = e.account_id WHERE c.email = $1",
                    r -> args(email(r))),
            shape(
                    "SELECT id, created_at FROM orders WHERE sku = $1 ORDER BY created_at LIMIT 5",
                    r -> args(r.nextInt(10000))),
            shape(
                    "SELECT * FROM customers WHERE city_id = $1 ORDER BY created_at DESC LIMIT 10",
                    r -> args(r.nextInt(2000))),
            shape(
                    "SELECT * FROM events WHERE account_id = $1 AND at >= $2",
                    r -> args(customer(r), EVENTS_START.plusHours(r.nextInt(300 * 24)))),
            shape("DELETE FROM events WHERE session_id = $1 AND kind = -1", r -> args(r.nextInt(200000))));

    private AdvisorBenchWorkload() {}

    /** The shapes as an advisor workload, each with the same call count. */
    static Workload shapes() {
        return Workload.of(
                SHAPES.stream().map(s -> new WorkloadQuery(s.sql(), 1000, 0)).toList());
    }

    /**
     * At least {@code count} distinct fingerprints: every shape, then variants of the single-table SELECTs with
     * other select lists (as an application's many call sites would produce).
     */
    static Workload fingerprints(int count) {
        List<WorkloadQuery> out = new ArrayList<>();
        SHAPES.forEach(s -> out.add(new WorkloadQuery(s.sql(), 1000, 0)));
        for (int v = 0; out.size() < count && v < 12; v++) {
            for (Shape s : SHAPES) {
                Matcher m = SELECT_STAR.matcher(s.sql());
                if (out.size() >= count || !m.find()) {
                    continue;
                }
                String[] cols = switch (m.group(2)) {
                    case "orders" -> AdvisorBenchSchema.ORDER_COLUMNS;
                    case "customers" -> AdvisorBenchSchema.CUSTOMER_COLUMNS;
                    default -> AdvisorBenchSchema.EVENT_COLUMNS;
                };
                String list =
                        "id, " + cols[v % cols.length] + (v >= cols.length ? ", " + cols[(v + 1) % cols.length] : "");
                out.add(new WorkloadQuery("SELECT " + list + s.sql().substring(m.end(1)), 100, 0));
            }
        }
        return Workload.of(out);
    }

    /** Runs every shape once with random parameters; returns a checksum of the rows seen. */
    static long runOnce(Connection c, Random random) throws SQLException {
        long rows = 0;
        for (Shape s : SHAPES) {
            try (PreparedStatement ps = c.prepareStatement(s.sql().replaceAll("\\$\\d+", "?"))) {
                Object[] args = s.params().apply(random);
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
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
        return rows;
    }

    private static Shape shape(String sql, Function<Random, Object[]> params) {
        return new Shape(sql, params);
    }

    private static Object[] args(Object... values) {
        return values;
    }

    private static int customer(Random r) {
        return 1 + r.nextInt(100000);
    }

    private static String email(Random r) {
        return "u" + customer(r) + "@example.com";
    }

    private static Object[] window(
            @org.jspecify.annotations.Nullable Integer first,
            OffsetDateTime start,
            Random r,
            int spanHours,
            int hours) {
        OffsetDateTime from = start.plusHours(r.nextInt(spanHours));
        return first == null ? args(from, from.plusHours(hours)) : args(first, from, from.plusHours(hours));
    }
}
