package dev.perfkit.db.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.testsupport.PostgresExtension;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A recommended index whose leading columns are a foreign key's satisfies the foreign-key report. */
class ForeignKeyCoverageIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static WhatIfMode mode;

    @BeforeAll
    static void schema() {
        TestDatabase db = PG.database();
        mode = db.tryCreateExtension("hypopg") ? WhatIfMode.HYPOPG : WhatIfMode.TRANSACTIONAL;
        db.execute(
                "CREATE TABLE users (id int PRIMARY KEY)",
                "INSERT INTO users SELECT g FROM generate_series(1, 5000) g",
                "CREATE TABLE coupons (id int PRIMARY KEY)",
                "INSERT INTO coupons SELECT g FROM generate_series(1, 100) g",
                "CREATE TABLE orders (id int PRIMARY KEY, user_id int NOT NULL REFERENCES users,"
                        + " coupon_id int REFERENCES coupons, created_at timestamptz NOT NULL, note text)",
                "INSERT INTO orders SELECT g, g % 5000 + 1, CASE WHEN g % 50 = 0 THEN g % 100 + 1 END,"
                        + " now() - (g || ' minutes')::interval, md5(g::text) FROM generate_series(1, 100000) g",
                "VACUUM ANALYZE users, coupons, orders");
    }

    @Test
    void theRecommendationOnUserIdAndCreatedAtCoversTheUserIdForeignKeyButNotTheCouponOne() throws Exception {
        WorkloadQuery latest = new WorkloadQuery(
                "SELECT * FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT 10", 5000, 50_000);
        AdvisorReport report;
        try (Connection c = PG.database().connect()) {
            report = IndexAdvisor.builder().whatIf(mode).build().advise(c, Workload.of(List.of(latest)));
        }
        assertThat(report.recommendations())
                .anySatisfy(r -> assertThat(r.columns()).startsWith("user_id"));
        assertThat(report.missingForeignKeyIndexes())
                .extracting(AdvisorReport.MissingForeignKeyIndex::columns)
                .containsExactly(List.of("coupon_id"));
    }
}
