package dev.perfkit.benchmarks.pool;

import com.zaxxer.hikari.HikariDataSource;
import dev.perfkit.pool.SizingResult;
import dev.perfkit.testsupport.Postgres;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * pgbench-like TPC-B transactions from 64 client threads through HikariCP: {@code perfkit*} uses a pool sized by
 * {@link dev.perfkit.pool.PoolSizing#fromMeasurements} from a {@link dev.perfkit.pool.ThroughputProbe} run at the
 * start of its trial (1 s per size), {@code baseline*} the swept fixed size. A ratio of at least
 * 0.9 in every row means the recommendation is within 10% of the best measured size.
 *
 * <p>Needs {@code PERFKIT_PG_URL} (the machine's PostgreSQL) or falls back to an embedded server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Threads(64)
@Fork(1)
public class PoolSizeBenchmark {
    // Two sizes by default (near the best, and oversized) keep the suite's default run under 10 minutes, since each
    // trial also runs the probe; the full sweep: -p poolSize=2,4,8,16,32,64 -w 3 -r 3
    @Param({"16", "64"})
    int poolSize;

    TestDatabase db;
    HikariDataSource pool;

    /** Per-thread random stream, seeded by thread so runs are repeatable. */
    @State(Scope.Thread)
    public static class Client {
        SplittableRandom random;

        @Setup
        public void setUp() {
            random = new SplittableRandom(Thread.currentThread().getId());
        }
    }

    @Setup(Level.Trial)
    public void setUp(org.openjdk.jmh.infra.BenchmarkParams params) throws SQLException, InterruptedException {
        db = Postgres.shared().createDatabase("pgbench");
        PgbenchWorkload.create(db.dataSource());
        boolean perfkit = params.getBenchmark().endsWith(".perfkitTpcb");
        // Both sides run the probe, so both start equally warm (JIT, buffers); only perfkit uses its answer.
        SizingResult recommended = BenchPools.measuredRecommendation(db, 64, Duration.ofMillis(1000));
        System.out.print("perf-pool recommends " + recommended.explain());
        int size = perfkit ? recommended.maximumPoolSize() : poolSize;
        pool = BenchPools.pool(db, size, null);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
        db.close();
    }

    @Benchmark
    public int perfkitTpcb(Client client) throws SQLException {
        return PgbenchWorkload.transaction(pool, client.random);
    }

    @Benchmark
    public int baselineTpcb(Client client) throws SQLException {
        return PgbenchWorkload.transaction(pool, client.random);
    }
}
