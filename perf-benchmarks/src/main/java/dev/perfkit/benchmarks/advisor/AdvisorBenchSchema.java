package dev.perfkit.benchmarks.advisor;

import dev.perfkit.testsupport.Postgres;
import dev.perfkit.testsupport.TestDatabase;

/**
 * Generates the benchmark schema server-side with generate_series (nothing committed but this code): 100k
 * customers, 1M orders, 500k events, primary keys only. Takes about half a minute on two cores.
 */
final class AdvisorBenchSchema {
    static final String[] ORDER_COLUMNS = {
        "customer_id",
        "status",
        "region",
        "sku",
        "store_id",
        "total",
        "created_at",
        "shipped_at",
        "priority",
        "channel",
        "coupon_code",
        "ref"
    };
    static final String[] CUSTOMER_COLUMNS = {"email", "country", "city_id", "tier", "referrer_id", "created_at"};
    static final String[] EVENT_COLUMNS = {"account_id", "kind", "at", "session_id"};

    private AdvisorBenchSchema() {}

    static TestDatabase create() {
        TestDatabase db = Postgres.shared().createDatabase("bench_advisor");
        db.tryCreateExtension("hypopg");
        db.execute(
                "CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL, country int NOT NULL,"
                        + " city_id int NOT NULL, tier int NOT NULL, referrer_id int, created_at timestamptz NOT NULL)",
                "INSERT INTO customers SELECT g, 'u' || g || '@example.com', g % 50, (g * 7) % 2000, g % 5,"
                        + " CASE WHEN g % 3 = 0 THEN (g * 13) % 100000 + 1 END,"
                        + " timestamptz '2020-01-01' + (g::bigint * 15485863 % 100000) * interval '15 minutes'"
                        + " FROM generate_series(1, 100000) g",
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, status int NOT NULL,"
                        + " region int NOT NULL, sku int NOT NULL, store_id int NOT NULL, total numeric(10,2) NOT NULL,"
                        + " created_at timestamptz NOT NULL, shipped_at timestamptz, priority int NOT NULL,"
                        + " channel int NOT NULL, coupon_code text, ref text NOT NULL)",
                "INSERT INTO orders SELECT g, 1 + (g::bigint * 7919) % 100000, g % 5, (g / 3) % 50,"
                        + " (g::bigint * 31) % 10000, (g / 7) % 500, (g % 10000) / 100.0,"
                        + " timestamptz '2023-01-01' + ((g::bigint * 48271) % 1000000) * interval '30 seconds',"
                        + " CASE WHEN g % 4 <> 0 THEN timestamptz '2023-01-02'"
                        + " + ((g::bigint * 48271) % 1000000) * interval '30 seconds' END,"
                        + " (g / 11) % 10, (g / 13) % 8, CASE WHEN g % 100 = 0 THEN 'C' || (g / 100) END, 'r' || g"
                        + " FROM generate_series(1, 1000000) g",
                "CREATE TABLE events (id bigint PRIMARY KEY, account_id int NOT NULL, kind int NOT NULL,"
                        + " at timestamptz NOT NULL, session_id int NOT NULL)",
                "INSERT INTO events SELECT g, 1 + (g::bigint * 104729) % 100000, g % 20,"
                        + " timestamptz '2024-01-01' + ((g::bigint * 6151) % 500000) * interval '1 minute',"
                        + " (g::bigint * 3571) % 200000 FROM generate_series(1, 500000) g",
                "VACUUM ANALYZE");
        return db;
    }
}
