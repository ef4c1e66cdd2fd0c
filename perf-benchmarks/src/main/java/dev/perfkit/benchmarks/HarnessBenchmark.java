package dev.perfkit.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Proves the harness: a {@code perfkit*}/{@code baseline*} pair that {@code bench-ratios} can pair.
 *
 * <p>Summing an array with an indexed loop (perfkit) against a boxed stream (baseline).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class HarnessBenchmark {
    @Param({"1000"})
    int size;

    int[] values = new int[0];

    @Setup
    public void setUp() {
        values = new int[size];
        for (int i = 0; i < size; i++) {
            values[i] = i;
        }
    }

    @Benchmark
    public long perfkitSum() {
        long sum = 0;
        for (int value : values) {
            sum += value;
        }
        return sum;
    }

    @Benchmark
    public long baselineSum() {
        return java.util.Arrays.stream(values)
                .boxed()
                .mapToLong(Integer::longValue)
                .sum();
    }
}
