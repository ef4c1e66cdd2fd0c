package dev.perfkit.db.advisor;

import dev.perfkit.testsupport.TestDatabase;

/** The test schema: 20k customers, 200k orders, a tiny table, a view and a 4-way partitioned table. */
final class AdvisorSchema {
    private AdvisorSchema() {}

    static void create(TestDatabase db) {
        db.execute(
                "CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL, country text NOT NULL, profile jsonb)",
                "INSERT INTO customers SELECT g, 'user' || g || '@example.com', (ARRAY['de','fr','us','uk','jp'])[1 + g % 5],"
                        + " jsonb_build_object('k', g % 10) FROM generate_series(1, 20000) g",
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, status text NOT NULL,"
                        + " region int NOT NULL, sku int NOT NULL, total numeric NOT NULL, created_at timestamptz NOT NULL,"
                        + " deleted_at timestamptz, meta jsonb)",
                "INSERT INTO orders SELECT g, 1 + (g * 7919) % 20000, (ARRAY['new','paid','shipped','cancelled'])[1 + g % 4],"
                        + " (g / 7) % 53, g % 997, (g % 1000)::numeric,"
                        + " timestamptz '2024-01-01' + ((g::bigint * 48271) % 200000) * interval '30 seconds',"
                        + " CASE WHEN g % 10 = 0 THEN timestamptz '2024-06-01' END, jsonb_build_object('t', g % 7)"
                        + " FROM generate_series(1, 200000) g",
                "CREATE TABLE tiny (id int PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO tiny SELECT g, 'n' || g FROM generate_series(1, 5) g",
                "CREATE VIEW paid_orders AS SELECT * FROM orders WHERE status = 'paid'",
                "CREATE TABLE events (id bigint NOT NULL, account_id int NOT NULL, kind int NOT NULL, at timestamptz NOT NULL)"
                        + " PARTITION BY RANGE (at)",
                "CREATE TABLE events_q1 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2024-04-01')",
                "CREATE TABLE events_q2 PARTITION OF events FOR VALUES FROM ('2024-04-01') TO ('2024-07-01')",
                "CREATE TABLE events_q3 PARTITION OF events FOR VALUES FROM ('2024-07-01') TO ('2024-10-01')",
                "CREATE TABLE events_q4 PARTITION OF events FOR VALUES FROM ('2024-10-01') TO ('2025-01-01')",
                "INSERT INTO events SELECT g, g % 5000, g % 10, timestamptz '2024-01-01' + (g % 360) * interval '1 day'"
                        + " FROM generate_series(1, 200000) g",
                "ANALYZE");
    }
}
