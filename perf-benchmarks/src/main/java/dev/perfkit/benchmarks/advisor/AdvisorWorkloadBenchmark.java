package dev.perfkit.benchmarks.advisor;

import dev.perfkit.db.advisor.AdvisorReport;
import dev.perfkit.db.advisor.IndexAdvisor;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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

/**
 * The 33-shape workload over 1.6M generated rows, run as the schema ships (primary keys only: baseline) and with
 * the indexes the advisor recommends for it (perfkit). One operation runs every shape once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AdvisorWorkloadBenchmark {
    private TestDatabase db;
    private Connection connection;
    private AdvisorReport report;
    private final Random random = new Random(7);

    /** Generates the schema and asks the advisor once (HypoPG on the machine's server). */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        db = AdvisorBenchSchema.create();
        connection = db.connect();
        report = IndexAdvisor.builder()
                .maxIndexes(AdvisorBenchWorkload.SHAPES.size())
                .build()
                .advise(connection, AdvisorBenchWorkload.shapes());
        System.out.println("advisor chose " + report.recommendations().size() + " indexes for "
                + AdvisorBenchWorkload.SHAPES.size() + " shapes");
    }

    /** Drops the database. */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        connection.close();
        db.close();
    }

    /** The workload with primary keys only. */
    @Benchmark
    public long baselineWorkload() throws SQLException {
        dropAdvised();
        return AdvisorBenchWorkload.runOnce(connection, random);
    }

    /** The workload with the advisor's indexes. */
    @Benchmark
    public long perfkitWorkload() throws SQLException {
        ensureAdvised();
        return AdvisorBenchWorkload.runOnce(connection, random);
    }

    private boolean applied;

    private void ensureAdvised() throws SQLException {
        if (!applied) {
            IndexAdvisor.builder().build().apply(connection, report);
            try (Statement st = connection.createStatement()) {
                st.execute("ANALYZE");
            }
            applied = true;
        }
    }

    private void dropAdvised() throws SQLException {
        if (applied) {
            try (Statement st = connection.createStatement()) {
                st.execute("DO $$ DECLARE r record; BEGIN FOR r IN SELECT indexrelid::regclass AS i FROM pg_index x"
                        + " JOIN pg_class t ON t.oid = x.indrelid WHERE t.relnamespace = 'public'::regnamespace"
                        + " AND NOT x.indisprimary LOOP EXECUTE 'DROP INDEX ' || r.i; END LOOP; END $$");
            }
            applied = false;
        }
    }
}
