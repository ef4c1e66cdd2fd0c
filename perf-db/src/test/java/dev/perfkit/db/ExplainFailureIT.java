package dev.perfkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * EXPLAINs that fail on the real server: the statements read temporary tables, which the plan-capture
 * connection cannot see, so every EXPLAIN fails with "relation does not exist" while the queries succeed.
 */
class ExplainFailureIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private final List<PlanCapturedEvent> plans = new CopyOnWriteArrayList<>();
    private final List<ExplainFailedEvent> allFailures = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<ExplainFailedEvent> failures = new LinkedBlockingQueue<>();
    private final AtomicLong now = new AtomicLong();

    private QueryInstrumentation instrumentation() {
        return QueryInstrumentation.builder()
                .slowThreshold(Duration.ZERO)
                .explainWith(PG.database().dataSource())
                .explainInterval(Duration.ofMinutes(5))
                .ticker(now::get)
                .eventListener(new QueryEventListener() {
                    @Override
                    public void onPlanCaptured(PlanCapturedEvent event) {
                        plans.add(event);
                    }

                    @Override
                    public void onExplainFailed(ExplainFailedEvent event) {
                        allFailures.add(event);
                        failures.add(event);
                    }
                })
                .build();
    }

    @Test
    void aRepeatedlyFailingExplainIsReportedOncePerIntervalAndEveryQuerySucceeds() throws Exception {
        try (QueryInstrumentation qi = instrumentation()) {
            DataSource ds = qi.wrap(PG.database().dataSource());
            try (Connection c = ds.getConnection();
                    Statement st = c.createStatement()) {
                st.execute(
                        "create temp table session_orders as select g as id, g % 7 as shop from generate_series(1, 700) g");
                st.execute("create temp table session_marker (id int)");

                for (int i = 0; i < 25; i++) {
                    assertThat(count(st, "select count(*) from session_orders where shop = " + (i % 7)))
                            .isEqualTo(100);
                }
                ExplainFailedEvent first = awaitFailure("select count(*) from session_orders where shop = ?");
                assertThat(first.sql()).startsWith("select count(*) from session_orders where shop = ");
                assertThat(first.cause()).isInstanceOf(SQLException.class).hasMessageContaining("session_orders");
                for (int i = 0; i < 25; i++) {
                    assertThat(count(st, "select count(*) from session_orders where shop = " + (i % 7)))
                            .isEqualTo(100);
                }
                // The capture thread runs captures in order: once the marker's failure arrives, every capture
                // scheduled by the 25 queries above has run.
                assertThat(count(st, "select count(*) from session_marker")).isZero();
                awaitFailure("select count(*) from session_marker");
                assertThat(failuresOf("select count(*) from session_orders where shop = ?"))
                        .isEqualTo(1);

                now.addAndGet(Duration.ofMinutes(5).toNanos());
                assertThat(count(st, "select count(*) from session_orders where shop = 3"))
                        .isEqualTo(100);
                awaitFailure("select count(*) from session_orders where shop = ?");
                assertThat(failuresOf("select count(*) from session_orders where shop = ?"))
                        .isEqualTo(2);
            }
            assertThat(plans)
                    .extracting(PlanCapturedEvent::fingerprint)
                    .doesNotContain(
                            "select count(*) from session_orders where shop = ?",
                            "select count(*) from session_marker");
            assertThat(qi.stats().snapshot().top())
                    .filteredOn(s -> s.fingerprint().equals("select count(*) from session_orders where shop = ?"))
                    .singleElement()
                    .satisfies(s -> assertThat(s.calls()).isEqualTo(51));
        }
    }

    @Test
    void aListenerThatThrowsOnExplainFailureDoesNotStopLaterCaptures() throws Exception {
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        QueryInstrumentation qi = QueryInstrumentation.builder()
                .slowThreshold(Duration.ZERO)
                .explainWith(PG.database().dataSource())
                .eventListener(new QueryEventListener() {
                    @Override
                    public void onExplainFailed(ExplainFailedEvent event) {
                        seen.add(event.fingerprint());
                        throw new IllegalStateException("listener bug");
                    }
                })
                .build();
        try (qi;
                Connection c = qi.wrap(PG.database().dataSource()).getConnection();
                Statement st = c.createStatement()) {
            st.execute("create temp table scratch_a (id int)");
            st.execute("create temp table scratch_b (id int)");
            assertThat(count(st, "select count(*) from scratch_a")).isZero();
            assertThat(count(st, "select count(*) from scratch_b")).isZero();
            List<String> fingerprints = new java.util.ArrayList<>();
            while (fingerprints.size() < 2) {
                String fp = seen.poll(10, TimeUnit.SECONDS);
                assertThat(fp).as("explain failure reported").isNotNull();
                if (fp.startsWith("select")) {
                    fingerprints.add(fp);
                }
            }
            assertThat(fingerprints)
                    .containsExactly("select count(*) from scratch_a", "select count(*) from scratch_b");
        }
    }

    private long failuresOf(String fingerprint) {
        return allFailures.stream()
                .filter(e -> e.fingerprint().equals(fingerprint))
                .count();
    }

    private ExplainFailedEvent awaitFailure(String fingerprint) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            ExplainFailedEvent event = failures.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && event.fingerprint().equals(fingerprint)) {
                return event;
            }
        }
        throw new AssertionError("no EXPLAIN failure reported for " + fingerprint + " within 10 s");
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
