package dev.perfkit.benchmarks.advisor;

import dev.perfkit.db.advisor.AdvisorReport;
import dev.perfkit.db.advisor.IndexAdvisor;
import dev.perfkit.db.advisor.Workload;
import dev.perfkit.testsupport.TestDatabase;
import java.sql.Connection;
import java.util.Locale;
import java.util.Random;

/**
 * The advisor's end-to-end figures in one run: workload time without indexes, advisor time on 200 fingerprints,
 * how many indexes it chose against the number of shapes, and workload time with those indexes applied.
 *
 * <pre>{@code
 * PERFKIT_PG_URL=jdbc:postgresql://127.0.0.1:5432/postgres \
 *   java -cp perf-benchmarks/target/benchmarks.jar dev.perfkit.benchmarks.advisor.AdvisorWorkloadRunner
 * }</pre>
 */
public final class AdvisorWorkloadRunner {
    private static final int RUNS = 3;

    private AdvisorWorkloadRunner() {}

    /**
     * Runs the measurement and prints the figures.
     *
     * @param args ignored
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        try (TestDatabase db = AdvisorBenchSchema.create();
                Connection c = db.connect()) {
            print("schema generated (1.6M rows) in %.1f s", seconds(t0));
            double before = time(c);
            print(
                    "workload of %d shapes, no advisor indexes: %.1f ms per run",
                    AdvisorBenchWorkload.SHAPES.size(), before);

            Workload fingerprints = AdvisorBenchWorkload.fingerprints(200);
            IndexAdvisor advisor = IndexAdvisor.builder()
                    .maxIndexes(AdvisorBenchWorkload.SHAPES.size())
                    .build();
            long t1 = System.nanoTime();
            AdvisorReport wide = advisor.advise(c, fingerprints);
            print(
                    "advisor on %d fingerprints: %.1f s, %d indexes, %d skipped",
                    fingerprints.queries().size(),
                    seconds(t1),
                    wide.recommendations().size(),
                    wide.skipped().size());

            long t2 = System.nanoTime();
            AdvisorReport report = advisor.advise(c, AdvisorBenchWorkload.shapes());
            print(
                    "advisor on the %d shapes: %.1f s, %d indexes (one-per-shape would be %d), mode %s",
                    AdvisorBenchWorkload.SHAPES.size(),
                    seconds(t2),
                    report.recommendations().size(),
                    AdvisorBenchWorkload.SHAPES.size(),
                    report.mode().jsonName());
            report.recommendations()
                    .forEach(r ->
                            print("  %s  -- %d shapes", r.ddl(), r.queries().size()));
            report.skipped().forEach(s -> print("  skipped %s: %s", s.query(), s.reason()));
            long t3 = System.nanoTime();
            advisor.apply(c, report);
            try (var st = c.createStatement()) {
                st.execute("ANALYZE");
            }
            print("applied with CREATE INDEX CONCURRENTLY in %.1f s", seconds(t3));
            double after = time(c);
            print("workload with advisor indexes: %.1f ms per run; speed-up %.1fx", after, before / after);
        }
    }

    private static double time(Connection c) throws Exception {
        AdvisorBenchWorkload.runOnce(c, new Random(1));
        long start = System.nanoTime();
        for (int i = 0; i < RUNS; i++) {
            AdvisorBenchWorkload.runOnce(c, new Random(100 + i));
        }
        return (System.nanoTime() - start) / 1e6 / RUNS;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
