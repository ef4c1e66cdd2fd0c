package dev.perfkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.db.QueryInstrumentation;
import dev.perfkit.db.QueryScope;
import dev.perfkit.testsupport.PostgresExtension;
import dev.perfkit.testsupport.TestDatabase;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Statement timers and events of perf-db's instrumentation on a real PostgreSQL. */
class QueryMetricsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static void run(DataSource ds, String sql, int times) throws SQLException {
        try (Connection c = ds.getConnection()) {
            for (int i = 0; i < times; i++) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        // read the rows
                    }
                }
            }
        }
    }

    private Collection<FunctionTimer> statementTimers() {
        return registry.find("perfkit.db.statements").functionTimers();
    }

    private List<String> tagValues() {
        return registry.getMeters().stream()
                .map(Meter::getId)
                .flatMap(id -> id.getTags().stream())
                .map(Tag::getValue)
                .toList();
    }

    @Test
    void statementsAreTimedByAShortFingerprintIdNeverByTheirSql(TestDatabase db) throws SQLException {
        QueryMetrics metrics = QueryMetrics.create();
        try (QueryInstrumentation queries = QueryInstrumentation.builder()
                .eventListener(metrics.eventListener())
                .build()) {
            metrics.track(queries).bindTo(registry);
            DataSource ds = queries.wrap(db.dataSource());
            run(ds, "select 1 where 'secret-user-42' <> ''", 3);
            run(ds, "select 2 as two", 2);
            metrics.refresh();

            Collection<FunctionTimer> timers = statementTimers();
            assertThat(timers).hasSize(3); // two fingerprints and other
            assertThat(timers.stream().mapToDouble(FunctionTimer::count).sum()).isEqualTo(5);
            assertThat(timers.stream().map(t -> t.getId().getTag("fingerprint")))
                    .allMatch(v -> v.matches("[0-9a-f]{12}") || v.equals("other"));
            assertThat(tagValues()).noneMatch(v -> v.contains("select ") || v.contains("secret"));
        }
    }

    @Test
    void fingerprintsPastTheLimitFoldIntoOtherAndTheFoldIsCounted(TestDatabase db) throws SQLException {
        QueryMetrics metrics = QueryMetrics.create(5);
        try (QueryInstrumentation queries = QueryInstrumentation.builder().build()) {
            metrics.track(queries).bindTo(registry);
            DataSource ds = queries.wrap(db.dataSource());
            for (int i = 0; i < 30; i++) {
                run(ds, "select 1 as column_" + i, 1); // counted under other until its id is published
                metrics.refresh();
                run(ds, "select 1 as column_" + i, 1);
            }
            metrics.refresh();
            Collection<FunctionTimer> timers = statementTimers();
            assertThat(timers).hasSize(6);
            assertThat(timers.stream().mapToDouble(FunctionTimer::count).sum()).isEqualTo(60);
            assertThat(registry.get("perfkit.db.statements")
                            .tag("fingerprint", "other")
                            .functionTimer()
                            .count())
                    .isEqualTo(30 + 25);
            assertThat(registry.get("perfkit.metrics.tag.values.folded")
                            .tag("meter", "perfkit.db.statements")
                            .counter()
                            .count())
                    .isEqualTo(25);
        }
    }

    @Test
    void slowStatementsAndNPlusOnePatternsAreCountedByFingerprint(TestDatabase db) throws SQLException {
        db.execute(
                "create table orders (id int primary key, note text)", "insert into orders values (1, 'a'), (2, 'b')");
        QueryMetrics metrics = QueryMetrics.create();
        try (QueryInstrumentation queries = QueryInstrumentation.builder()
                .slowThreshold(Duration.ZERO)
                .eventListener(metrics.eventListener())
                .build()) {
            metrics.track(queries).bindTo(registry);
            DataSource ds = queries.wrap(db.dataSource());
            try (QueryScope scope = QueryScope.open(3, "GET /orders");
                    Connection c = ds.getConnection();
                    PreparedStatement ps = c.prepareStatement("select note from orders where id = ?")) {
                for (int id = 1; id <= 5; id++) {
                    ps.setInt(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            // read
                        }
                    }
                }
            }
            assertThat(registry.find("perfkit.db.n.plus.one").counters())
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.count()).isEqualTo(1);
                        assertThat(c.getId().getTag("fingerprint")).matches("[0-9a-f]{12}");
                    });
            assertThat(registry.find("perfkit.db.slow.statements").counters().stream()
                            .mapToDouble(io.micrometer.core.instrument.Counter::count)
                            .sum())
                    .isEqualTo(5);
            assertThat(tagValues()).noneMatch(v -> v.contains("orders"));
        }
    }
}
