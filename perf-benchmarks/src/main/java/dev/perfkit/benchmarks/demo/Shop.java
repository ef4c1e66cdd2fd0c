package dev.perfkit.benchmarks.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.cache.AfterCommit;
import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.http.HttpResponseCache;
import dev.perfkit.db.jooq.KeysetPager;
import dev.perfkit.db.jooq.Page;
import dev.perfkit.metrics.CacheMetrics;
import dev.perfkit.metrics.HttpCacheMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The shop's logic: what each endpoint reads and writes, written the plain way and the perfkit way side by side,
 * chosen by the step. Plain JDBC where that is what an application would write, jOOQ where perf-db's helpers
 * need it.
 */
final class Shop {
    static final int PAGE_SIZE = 20;
    private static final String ORDER_COLUMNS = "id, customer_id, product_id, status, created_at, total_cents";

    private final StepConfig step;
    private final DataSource dataSource;
    private final DSLContext dsl;
    private final ObjectMapper json = new ObjectMapper();
    private final @Nullable CacheAside<Long, Product> products;
    private final @Nullable CacheAside<String, ProductList> categories;
    private final @Nullable CacheAside<Long, byte[]> customerOrders;
    private final @Nullable KeysetPager<Record> shippedPager;
    private final @Nullable HttpResponseCache http;

    Shop(
            StepConfig step,
            DataSource dataSource,
            @Nullable CacheAside<Long, Product> products,
            @Nullable CacheAside<String, ProductList> categories,
            @Nullable CacheAside<Long, byte[]> customerOrders,
            @Nullable HttpResponseCache http,
            byte[] pagerSecret) {
        this.http = http;
        this.step = step;
        this.dataSource = dataSource;
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
        this.products = products;
        this.categories = categories;
        this.customerOrders = customerOrders;
        if (step.keyset()) {
            Field<OffsetDateTime> created = DSL.field(DSL.name("created_at"), OffsetDateTime.class);
            Field<Long> id = DSL.field(DSL.name("id"), Long.class);
            this.shippedPager = KeysetPager.builder(DSL.table(DSL.name("orders")))
                    .where(DSL.field(DSL.name("status"), String.class).eq("shipped"))
                    .orderBy(created.desc(), id.desc())
                    .pageSize(PAGE_SIZE)
                    .secret(pagerSecret)
                    .build(dsl);
        } else {
            this.shippedPager = null;
        }
    }

    // ---- GET /api/products/{id}

    Optional<Product> product(long id) {
        CacheAside<Long, Product> cache = products;
        if (cache != null) {
            return Optional.ofNullable(cache.get(id, this::loadProduct));
        }
        return Optional.ofNullable(loadProduct(id));
    }

    private @Nullable Product loadProduct(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select id, name, category, price_cents, version from products where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? product(rs) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read product " + id, e);
        }
    }

    private static Product product(ResultSet rs) throws SQLException {
        return new Product(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5));
    }

    // ---- POST /api/products/{id}/price

    /** Changes a price; returns the new version, or -1 when there is no such product. */
    long changePrice(long id, int cents) {
        AfterCommit<Long> pendingProducts = products == null ? null : products.afterCommit();
        AfterCommit<String> pendingCategories = categories == null ? null : categories.afterCommit();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long version;
            String category;
            try (PreparedStatement ps = c.prepareStatement("update products set price_cents = ?,"
                    + " version = version + 1 where id = ? returning version, category")) {
                ps.setInt(1, cents);
                ps.setLong(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        return -1;
                    }
                    version = rs.getLong(1);
                    category = rs.getString(2);
                }
            }
            if (pendingProducts != null) {
                pendingProducts.invalidate(id);
            }
            if (pendingCategories != null) {
                pendingCategories.invalidate(category);
            }
            c.commit();
            if (pendingProducts != null) {
                pendingProducts.commit();
            }
            if (pendingCategories != null) {
                pendingCategories.commit();
            }
            HttpResponseCache responses = http;
            if (responses != null) { // after the commit: no response rendered before it is served again
                responses.invalidateTag("product:" + id);
                responses.invalidateTag("category:" + category);
            }
            return version;
        } catch (SQLException e) {
            if (pendingProducts != null) {
                pendingProducts.rollback();
            }
            if (pendingCategories != null) {
                pendingCategories.rollback();
            }
            throw new IllegalStateException("cannot change the price of product " + id, e);
        }
    }

    // ---- GET /api/customers/{id}/orders: the customer's latest orders with their products' names

    byte[] customerOrders(long customerId) {
        CacheAside<Long, byte[]> cache = customerOrders;
        if (cache != null) {
            byte[] cached = cache.get(customerId, this::renderCustomerOrders);
            return cached == null ? new byte[0] : cached;
        }
        return renderCustomerOrders(customerId);
    }

    private byte[] renderCustomerOrders(long customerId) {
        try (Connection c = dataSource.getConnection()) {
            List<Map<String, Object>> orders = new ArrayList<>();
            List<Long> productIds = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select " + ORDER_COLUMNS
                    + " from orders where customer_id = ? order by created_at desc limit 10")) {
                ps.setLong(1, customerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        orders.add(order(rs));
                        productIds.add(rs.getLong(3));
                    }
                }
            }
            Map<Long, String> names = step.batched() ? namesBatched(c, productIds) : namesOneByOne(c, productIds);
            for (Map<String, Object> order : orders) {
                order.put("product", names.get((Long) order.get("productId")));
            }
            return json.writeValueAsBytes(Map.of("customer", customerId, "orders", orders));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the orders of customer " + customerId, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The N+1: one query per order, as a loop over an ORM's lazy association does. */
    private static Map<Long, String> namesOneByOne(Connection c, List<Long> ids) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        for (Long id : ids) {
            try (PreparedStatement ps = c.prepareStatement("select name from products where id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        names.put(id, rs.getString(1));
                    }
                }
            }
        }
        return names;
    }

    private static Map<Long, String> namesBatched(Connection c, List<Long> ids) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        try (PreparedStatement ps = c.prepareStatement("select id, name from products where id = any(?)")) {
            Array array = c.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return names;
    }

    private static Map<String, Object> order(ResultSet rs) throws SQLException {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", rs.getLong(1));
        o.put("customerId", rs.getLong(2));
        o.put("productId", rs.getLong(3));
        o.put("status", rs.getString(4));
        o.put("created", rs.getString(5));
        o.put("totalCents", rs.getInt(6));
        return o;
    }

    // ---- GET /api/orders/shipped?page=N (OFFSET) or ?after=TOKEN (keyset); "next" is the next page's query

    byte[] shipped(int page, @Nullable String after) {
        try {
            KeysetPager<Record> pager = shippedPager;
            if (pager != null) {
                Page<Record> result = after == null ? pager.first(dsl) : pager.next(dsl, after);
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Record r : result.rows()) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("id", r.get("id"));
                    o.put("customerId", r.get("customer_id"));
                    o.put("productId", r.get("product_id"));
                    o.put("status", r.get("status"));
                    o.put("created", String.valueOf(r.get("created_at")));
                    o.put("totalCents", r.get("total_cents"));
                    rows.add(o);
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("orders", rows);
                body.put(
                        "next",
                        result.nextToken()
                                .map(t -> "after=" + URLEncoder.encode(t, StandardCharsets.UTF_8))
                                .orElse(""));
                return json.writeValueAsBytes(body);
            }
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("select " + ORDER_COLUMNS + " from orders"
                            + " where status = 'shipped' order by created_at desc, id desc limit ? offset ?")) {
                ps.setInt(1, PAGE_SIZE);
                ps.setInt(2, page * PAGE_SIZE);
                List<Map<String, Object>> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(order(rs));
                    }
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("orders", rows);
                body.put("next", rows.size() < PAGE_SIZE ? "" : "page=" + (page + 1));
                return json.writeValueAsBytes(body);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read page " + page + " of shipped orders", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- GET /api/orders/pending: the newest orders waiting to ship

    byte[] pending() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select " + ORDER_COLUMNS
                        + " from orders where status = 'pending' order by created_at desc limit 20")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(order(rs));
                }
            }
            return json.writeValueAsBytes(Map.of("orders", rows));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pending orders", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the storefront: a category's cheapest products

    List<Product> category(String category) {
        CacheAside<String, ProductList> cache = categories;
        if (cache != null) {
            ProductList cached = cache.get(category, key -> new ProductList(loadCategory(key)));
            return cached == null ? List.of() : cached.items();
        }
        return loadCategory(category);
    }

    private List<Product> loadCategory(String category) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select id, name, category, price_cents, version"
                        + " from products where category = ? order by price_cents, id limit 12")) {
            ps.setString(1, category);
            List<Product> list = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(product(rs));
                }
            }
            return List.copyOf(list);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read category " + category, e);
        }
    }

    /** Binds perf-metrics' binders for this instance's caches to {@code registry}, names suffixed by the instance. */
    void bindMeters(MeterRegistry registry, String instance) {
        if (products != null) {
            CacheMetrics.of("products-" + instance, products).bindTo(registry);
        }
        if (categories != null) {
            CacheMetrics.of("categories-" + instance, categories).bindTo(registry);
        }
        if (customerOrders != null) {
            CacheMetrics.of("customer-orders-" + instance, customerOrders).bindTo(registry);
        }
        HttpResponseCache responses = http;
        if (responses != null) {
            HttpCacheMetrics.of("shop-" + instance, responses).bindTo(registry);
        }
    }

    /** The response cache in front of this shop, or null. */
    @Nullable
    HttpResponseCache httpCache() {
        return http;
    }

    byte[] json(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
