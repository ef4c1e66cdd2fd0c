package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LeakReporterIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private final AtomicLong clock = new AtomicLong();

    private void holdBriefly(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
    }

    private void holdLong(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            clock.addAndGet(Duration.ofSeconds(10).toNanos());
        }
    }

    private Connection leak(DataSource ds) throws SQLException {
        return ds.getConnection();
    }

    @Test
    void longHoldsAreAggregatedByBorrowingCallSite() throws SQLException {
        LeakReporter reporter = LeakReporter.create(Duration.ofSeconds(5), 100, clock::get);
        try (HikariDataSource pool = new HikariDataSource(Pools.preset(PoolPreset.WEB_OLTP, PG.database()))) {
            DataSource ds = reporter.wrap(pool);
            for (int i = 0; i < 5; i++) {
                holdBriefly(ds);
            }
            for (int i = 0; i < 3; i++) {
                holdLong(ds);
            }
            Connection leaked = leak(ds);
            assertThat(reporter.report()).extracting(LeakSite::callSite).noneMatch(site -> site.contains("leak("));
            clock.addAndGet(Duration.ofSeconds(6).toNanos());
            List<LeakSite> report = reporter.report();
            assertThat(report).hasSize(2);
            assertThat(report.get(0).callSite())
                    .startsWith("dev.perfkit.pool.LeakReporterIT.holdLong(LeakReporterIT.java:");
            assertThat(report.get(0).count()).isEqualTo(3);
            assertThat(report.get(0).openNow()).isZero();
            assertThat(report.get(0).longestHold()).isEqualTo(Duration.ofSeconds(10));
            assertThat(report.get(1).callSite()).contains("LeakReporterIT.leak(");
            assertThat(report.get(1).openNow()).isEqualTo(1);
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(1);
            leaked.close();
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
            assertThat(reporter.report())
                    .filteredOn(s -> s.callSite().contains("leak("))
                    .singleElement()
                    .satisfies(s -> assertThat(s.openNow()).isZero());
        }
    }

    @Test
    void callSitesBeyondTheLimitFoldIntoOneEntry() throws SQLException {
        LeakReporter reporter = LeakReporter.create(Duration.ofSeconds(5), 1, clock::get);
        try (HikariDataSource pool = new HikariDataSource(Pools.preset(PoolPreset.WEB_OLTP, PG.database()))) {
            DataSource ds = reporter.wrap(pool);
            holdLong(ds);
            try (Connection c = ds.getConnection()) {
                clock.addAndGet(Duration.ofSeconds(7).toNanos());
            }
            assertThat(reporter.report())
                    .extracting(LeakSite::callSite)
                    .hasSize(2)
                    .contains(LeakReporter.OTHER)
                    .anyMatch(site -> site.startsWith("dev.perfkit.pool.LeakReporterIT.holdLong("));
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> LeakReporter.create(Duration.ZERO, 10, clock::get))
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> LeakReporter.create(Duration.ofSeconds(1), 0, clock::get))
                .hasMessage("maxCallSites must be between 1 and 100000, but was 0");
    }
}
