package dev.perfkit.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.testsupport.EmbeddedPostgres;
import dev.perfkit.testsupport.Postgres;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PoolFaultIT {
    private static final int THREADS = 8;
    private static final int POOL = 4;
    private static final long CONNECTION_TIMEOUT_MS = 2_000;

    @Test
    void poolRecoversFromADatabaseRestartWithinConnectionTimeoutAndLeaksNothing() throws Exception {
        try (EmbeddedPostgres pg = Postgres.startPrivate()) {
            TestDatabase db = pg.createDatabase("fault");
            HikariConfig config = Pools.preset(PoolPreset.WEB_OLTP, db);
            config.setMaximumPoolSize(POOL);
            config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger errors = new AtomicInteger();
            AtomicInteger ok = new AtomicInteger();
            AtomicLong lastErrorAt = new AtomicLong();
            AtomicLong firstOkAfterRestart = new AtomicLong();
            AtomicLong restartedAt = new AtomicLong(Long.MAX_VALUE);
            List<Thread> callers = new ArrayList<>();
            try (HikariDataSource pool = new HikariDataSource(config)) {
                for (int i = 0; i < THREADS; i++) {
                    Thread t = new Thread(() -> {
                        while (running.get()) {
                            try (Connection c = pool.getConnection();
                                    Statement s = c.createStatement();
                                    ResultSet r = s.executeQuery("SELECT 1")) {
                                r.next();
                                ok.incrementAndGet();
                                long now = System.nanoTime();
                                if (now > restartedAt.get()) {
                                    firstOkAfterRestart.compareAndSet(0, now);
                                }
                            } catch (Exception e) {
                                errors.incrementAndGet();
                                lastErrorAt.set(System.nanoTime());
                            }
                        }
                    });
                    t.start();
                    callers.add(t);
                }
                Thread.sleep(1_000);
                assertThat(ok.get()).isPositive();
                pg.stop();
                Thread.sleep(1_000);
                pg.start();
                restartedAt.set(System.nanoTime());
                Thread.sleep(CONNECTION_TIMEOUT_MS + 1_500);
                int errorsBeforeTail = errors.get();
                Thread.sleep(1_000);
                running.set(false);
                for (Thread t : callers) {
                    t.join();
                }
                assertThat(errorsBeforeTail).as("callers saw the outage").isPositive();
                // Each caller fails at most once per connectionTimeout during the ~1 s outage, plus once per dead
                // connection.
                assertThat(errorsBeforeTail).isLessThanOrEqualTo(THREADS * 3 + POOL);
                assertThat(errors.get()).as("no errors once recovered").isEqualTo(errorsBeforeTail);
                assertThat(firstOkAfterRestart.get()).isPositive();
                assertThat((firstOkAfterRestart.get() - restartedAt.get()) / 1_000_000)
                        .isLessThanOrEqualTo(CONNECTION_TIMEOUT_MS);
                assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
                assertThat(backends(db)).isLessThanOrEqualTo(POOL);
            }
            // A backend exits shortly after its socket closes: wait for it rather than race it on a loaded machine.
            long gone = System.nanoTime() + 5_000_000_000L;
            while (backends(db) > 0 && System.nanoTime() < gone) {
                Thread.sleep(50);
            }
            assertThat(backends(db)).isZero();
            db.close();
        }
    }

    private static int backends(TestDatabase db) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(
                        db.server().jdbcUrl("postgres"), db.user(), db.password());
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db.name() + "'")) {
            r.next();
            return r.getInt(1);
        }
    }
}
