package dev.perfkit.benchmarks.advisor;

import dev.perfkit.db.advisor.AdvisorReport;
import dev.perfkit.db.advisor.IndexAdvisor;
import dev.perfkit.testsupport.TestDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Issue 12's goal: on a held-out shop ({@link ShopWorkload}, never used to develop the advisor), the weighted
 * workload with perfkit's index set beside the same workload with the union of Supabase index_advisor's per-query
 * picks ({@link IndexAdvisorBaseline}). Each set is really created ({@code CREATE INDEX}, then ANALYZE) before its
 * method's iterations; one operation is one run of the weighted workload (each query as many times as its calls).
 * The setup prints both sets and their bytes on disk (target: perfkit's at most 1.5x the baseline's).
 *
 * <pre>{@code
 * java -jar perf-benchmarks/target/benchmarks.jar AdvisorComparison -f 1 -wi 2 -i 5 -w 2s -r 3s -rf json -rff x.json
 * java -cp perf-benchmarks/target/benchmarks.jar dev.perfkit.benchmarks.BenchRatios x.json
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AdvisorComparisonBenchmark {
    private TestDatabase db;
    private Connection connection;
    private List<String> perfkit;
    private List<String> baseline;
    private String applied = "";
    private Random random;

    /** Loads the shop, asks both advisors on the bare schema, and measures each set's bytes. */
    @Setup(Level.Trial)
    public void setUp() throws SQLException, IOException {
        long t0 = System.nanoTime();
        db = ShopWorkload.create();
        connection = db.connect();
        System.out.printf(Locale.ROOT, "%nshop loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        List<String> sql =
                ShopWorkload.QUERIES.stream().map(ShopWorkload.Query::sql).toList();
        baseline = IndexAdvisorBaseline.advise(connection, sql);
        AdvisorReport report = IndexAdvisor.builder().build().advise(connection, ShopWorkload.workload());
        perfkit = report.recommendations().stream()
                .map(r -> r.ddl().replace("CONCURRENTLY ", ""))
                .toList();
        long baselineBytes = apply("baseline", baseline);
        long perfkitBytes = apply("perfkit", perfkit);
        System.out.printf(
                Locale.ROOT,
                "index_advisor-like baseline: %d indexes, %d bytes%n  %s%nperfkit: %d indexes, %d bytes%n  %s%n"
                        + "index bytes perfkit/baseline = %.2f%n",
                baseline.size(),
                baselineBytes,
                IndexAdvisorBaseline.describe(baseline),
                perfkit.size(),
                perfkitBytes,
                IndexAdvisorBaseline.describe(perfkit),
                (double) perfkitBytes / baselineBytes);
    }

    /** Creates the running method's index set (once per method) and restarts the parameter sequence. */
    @Setup(Level.Iteration)
    public void indexes(BenchmarkParams params) throws SQLException {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        String set = method.startsWith("perfkit") ? "perfkit" : "baseline";
        if (!set.equals(applied)) {
            apply(set, set.equals("perfkit") ? perfkit : baseline);
        }
        random = new Random(7);
    }

    /** Drops the database. */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        connection.close();
        db.close();
    }

    /** The weighted workload with the union of index_advisor's per-query picks. */
    @Benchmark
    public long baselineWorkload() throws SQLException {
        return ShopWorkload.run(connection, random);
    }

    /** The weighted workload with perfkit's index set. */
    @Benchmark
    public long perfkitWorkload() throws SQLException {
        return ShopWorkload.run(connection, random);
    }

    /** Drops every index but the primary keys, creates the set, analyses; returns the set's bytes on disk. */
    private long apply(String name, List<String> ddl) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DO $$ DECLARE r record; BEGIN FOR r IN SELECT indexrelid::regclass AS i FROM pg_index x"
                    + " JOIN pg_class t ON t.oid = x.indrelid WHERE t.relnamespace = 'public'::regnamespace"
                    + " AND NOT x.indisprimary LOOP EXECUTE 'DROP INDEX ' || r.i; END LOOP; END $$");
            for (String d : ddl) {
                st.execute(d);
            }
            st.execute("VACUUM ANALYZE");
            applied = name;
            try (ResultSet rs = st.executeQuery("SELECT coalesce(sum(pg_relation_size(x.indexrelid)), 0)"
                    + " FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid"
                    + " WHERE t.relnamespace = 'public'::regnamespace AND NOT x.indisprimary")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
