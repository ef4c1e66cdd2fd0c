package dev.perfkit.benchmarks.metrics;

import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.PerfCache;
import dev.perfkit.db.NPlusOneEvent;
import dev.perfkit.db.QueryEventListener;
import dev.perfkit.metrics.CacheMetrics;
import dev.perfkit.metrics.QueryMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a perf-metrics binder adds per recorded event, against recording the same event on a raw Micrometer
 * counter that the application looked up once:
 *
 * <ul>
 *   <li>{@code NPlusOneEvent}: an N+1 event through {@link QueryMetrics}' listener (a fingerprint's counter found
 *       in a bounded map, then incremented) vs incrementing a raw counter;
 *   <li>{@code CacheHit}: a cache hit with {@code recordStats()} and {@link CacheMetrics} bound (meters read the
 *       statistics at publication, nothing per hit beyond perf-cache's own counting) vs a hit on the same cache
 *       without statistics plus a raw counter increment, the way an application would count hits itself.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class BinderOverheadBenchmark {
    private SimpleMeterRegistry registry;
    private Counter rawCounter;
    private QueryEventListener listener;
    private NPlusOneEvent event;
    private CacheAside<Integer, String> statsCache;
    private CacheAside<Integer, String> plainCache;

    @Setup
    public void setUp() {
        registry = new SimpleMeterRegistry();
        rawCounter = Counter.builder("raw.n.plus.one")
                .tag("fingerprint", "3f2a1b9c0d4e")
                .register(registry);
        QueryMetrics metrics = QueryMetrics.create();
        metrics.bindTo(registry);
        listener = metrics.eventListener();
        event = new NPlusOneEvent(
                "select note from orders where id = ?",
                "select note from orders where id = 1",
                10,
                "Orders.java:42",
                "GET /orders");
        listener.onNPlusOne(event); // the first event registers the counter; the benchmark measures the rest
        statsCache = PerfCache.<Integer, String>builder()
                .maximumSize(1000)
                .recordStats()
                .build();
        CacheMetrics.of("bench", statsCache).bindTo(registry);
        plainCache = PerfCache.<Integer, String>builder().maximumSize(1000).build();
        for (int i = 0; i < 100; i++) {
            statsCache.put(i, "v" + i);
            plainCache.put(i, "v" + i);
        }
    }

    @TearDown
    public void tearDown() {
        statsCache.close();
        plainCache.close();
    }

    @Benchmark
    public void perfkitNPlusOneEvent() {
        listener.onNPlusOne(event);
    }

    @Benchmark
    public void baselineNPlusOneEvent() {
        rawCounter.increment();
    }

    @Benchmark
    public @Nullable String perfkitCacheHit() {
        return statsCache.get(42, k -> "never");
    }

    @Benchmark
    public @Nullable String baselineCacheHit() {
        String v = plainCache.get(42, k -> "never");
        rawCounter.increment();
        return v;
    }
}
