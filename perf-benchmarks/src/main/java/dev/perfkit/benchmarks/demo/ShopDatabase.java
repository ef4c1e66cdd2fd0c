package dev.perfkit.benchmarks.demo;

import dev.perfkit.testsupport.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The shop's PostgreSQL database: an embedded server whose data is kept between runs (so a second run starts in
 * seconds), or the server {@code --pg-url} names. Seeds customers, products and orders once per scale.
 */
final class ShopDatabase implements AutoCloseable {
    private final @Nullable EmbeddedPostgres embedded;
    private final String url;
    private final String user;
    private final String password;

    private ShopDatabase(@Nullable EmbeddedPostgres embedded, String url, String user, String password) {
        this.embedded = embedded;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Starts (or reaches) the server and makes sure the shop's database exists. */
    static ShopDatabase open(DemoOptions options, Scale scale, PrintStream progress) {
        String database = "perfkit_demo_" + scale.name();
        if (options.pgUrl() != null) {
            String serverUrl = options.pgUrl();
            try (Connection c = DriverManager.getConnection(serverUrl, props(options.pgUser(), options.pgPassword()))) {
                createDatabase(c, database);
            } catch (SQLException e) {
                throw new DemoException("cannot connect to --pg-url " + serverUrl + ": " + e.getMessage(), e);
            }
            return new ShopDatabase(null, withDatabase(serverUrl, database), options.pgUser(), options.pgPassword());
        }
        Path root = options.dataDir().resolve("pg");
        checkDisk(options.dataDir(), scale);
        progress.println("starting embedded PostgreSQL (data kept in " + root + ")");
        EmbeddedPostgres pg;
        try {
            pg = EmbeddedPostgres.startKept(root);
        } catch (RuntimeException e) {
            throw new DemoException("cannot start an embedded PostgreSQL in " + root + ": " + e.getMessage(), e);
        }
        String serverUrl = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres";
        try (Connection c = DriverManager.getConnection(serverUrl, props("postgres", ""))) {
            createDatabase(c, database);
        } catch (SQLException e) {
            pg.close();
            throw new DemoException("the embedded PostgreSQL does not answer: " + e.getMessage(), e);
        }
        return new ShopDatabase(pg, withDatabase(serverUrl, database), "postgres", "");
    }

    private static void checkDisk(Path dir, Scale scale) {
        long needed = scale.orders() * 400L + (256L << 20);
        try {
            Files.createDirectories(dir);
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < needed) {
                throw new DemoException("too little disk in " + dir + ": " + (free >> 20) + " MiB free, the "
                        + scale.name() + " data set needs about " + (needed >> 20) + " MiB (use --data-dir)");
            }
        } catch (IOException e) {
            throw new DemoException("cannot use the data folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void createDatabase(Connection c, String database) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
            if (rs.next()) {
                return;
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
    }

    private static String withDatabase(String serverUrl, String database) {
        int slash = serverUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = serverUrl.indexOf('?');
        String base =
                slash < 0 ? (query < 0 ? serverUrl : serverUrl.substring(0, query)) : serverUrl.substring(0, slash);
        return base + "/" + database + (query < 0 ? "" : serverUrl.substring(query));
    }

    private static Properties props(String user, String password) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "5");
        return p;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    boolean embedded() {
        return embedded != null;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, props(user, password));
    }

    /** Loads the shop unless this scale's data is already there. Returns whether it seeded. */
    boolean seed(Scale scale, PrintStream progress) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("create table if not exists demo_seed (version text not null)");
            try (ResultSet rs = s.executeQuery("select version from demo_seed")) {
                if (rs.next() && rs.getString(1).equals(scale.seedVersion())) {
                    return false;
                }
            }
            s.execute("drop table if exists orders, products, customers cascade");
            s.execute("delete from demo_seed");
            s.execute("select setseed(0.42)");
            s.execute("create table customers (id bigint primary key, name text not null, email text not null,"
                    + " country text not null)");
            s.execute("insert into customers select g, 'Customer ' || g, 'customer' || g || '@example.com',"
                    + " (array['DE','FR','US','GB','JP','BR'])[1 + g % 6] from generate_series(1, "
                    + scale.customers() + ") g");
            s.execute("create table products (id bigint primary key, name text not null, category text not null,"
                    + " price_cents int not null, version bigint not null, description text not null)");
            s.execute("insert into products select g, 'Product ' || g, 'cat-' || (g % 20), 100 + (g * 37) % 10000,"
                    + " 1, repeat('A sturdy, well made thing. ', 6) from generate_series(1, " + scale.products()
                    + ") g");
            s.execute("create table orders (id bigint primary key, customer_id bigint not null references customers,"
                    + " product_id bigint not null references products, status text not null,"
                    + " created_at timestamptz not null, quantity int not null, total_cents int not null)");
            int chunk = 50_000;
            for (int from = 1; from <= scale.orders(); from += chunk) {
                int to = Math.min(scale.orders(), from + chunk - 1);
                s.execute("insert into orders select g, 1 + floor(random() * " + scale.customers() + ")::bigint,"
                        + " 1 + floor(random() * " + scale.products() + ")::bigint,"
                        + " case when r < 0.02 then 'pending' when r < 0.10 then 'shipped' else 'delivered' end,"
                        + " timestamptz '2026-01-01 00:00:00+00' + g * interval '17 seconds', 1 + g % 5, 100 + g % 900"
                        + " from (select g, random() r from generate_series(" + from + ", " + to + ") g) s");
                Progress.bar(progress, "seeding orders", to, scale.orders());
            }
            s.execute("vacuum analyze customers");
            s.execute("vacuum analyze products");
            s.execute("vacuum analyze orders");
            s.execute("insert into demo_seed values ('" + scale.seedVersion() + "')");
            return true;
        }
    }

    /** Drops every index that is not a primary key or unique constraint: the plain step's schema. */
    List<String> dropSecondaryIndexes() throws SQLException {
        List<String> dropped = new ArrayList<>();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs =
                    s.executeQuery("select i.relname from pg_index x join pg_class i on i.oid = x.indexrelid"
                            + " join pg_class t on t.oid = x.indrelid join pg_namespace n on n.oid = t.relnamespace"
                            + " where n.nspname = 'public' and t.relname in ('customers', 'products', 'orders')"
                            + " and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                s.execute("drop index " + quote(name));
                dropped.add(name);
            }
        }
        return dropped;
    }

    /** Whether the HypoPG extension can be created (else the advisor builds candidates in a rolled-back transaction). */
    boolean tryHypopg() {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("create extension if not exists hypopg");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String describe(ShopDatabase db) {
        return db.embedded() ? "embedded PostgreSQL" : "PostgreSQL at " + db.url.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
