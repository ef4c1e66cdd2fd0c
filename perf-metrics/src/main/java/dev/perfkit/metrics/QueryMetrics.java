package dev.perfkit.metrics;

import dev.perfkit.db.ExplainFailedEvent;
import dev.perfkit.db.NPlusOneEvent;
import dev.perfkit.db.PlanCapturedEvent;
import dev.perfkit.db.QueryEventListener;
import dev.perfkit.db.QueryInstrumentation;
import dev.perfkit.db.SlowQueryEvent;
import dev.perfkit.db.plan.PlanFinding;
import dev.perfkit.metrics.internal.BoundedTags;
import dev.perfkit.metrics.internal.FingerprintIds;
import dev.perfkit.metrics.internal.StatementTimers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds perf-db's {@link QueryInstrumentation} to Micrometer with bounded tag cardinality:
 *
 * <ul>
 *   <li>{@code perfkit.db.statements{fingerprint}}: a timer per statement shape, for the first
 *       {@code maxFingerprints} shapes that reach perf-db's top by total time, the rest as {@code other};
 *   <li>{@code perfkit.db.slow.statements{fingerprint}} and {@code perfkit.db.n.plus.one{fingerprint}};
 *   <li>{@code perfkit.db.plan.findings{kind}} and {@code perfkit.db.explain.failures}.
 * </ul>
 *
 * <p>The {@code fingerprint} tag is a 12-hex-digit id of the normalized SQL (stable across JVMs); the SQL text
 * never becomes a tag: it is logged at INFO once, when its id is first published ({@code perfkit fingerprint
 * <id>: <sql>}). Ids past the limit fold into {@code other}, counted by
 * {@code perfkit.metrics.tag.values.folded{meter=perfkit.db.statements}}. The event meters need
 * {@link #eventListener()} set on the instrumentation's builder.
 *
 * {@snippet class=dev.perfkit.metrics.MetricsSnippets region=db}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class QueryMetrics implements MeterBinder {
    private static final Logger LOG = LoggerFactory.getLogger(QueryMetrics.class);

    private final int maxFingerprints;
    private final QueryEventListener listener = new Listener();
    private @Nullable QueryInstrumentation instrumentation;
    private volatile @Nullable Bound bound;

    private QueryMetrics(int maxFingerprints) {
        this.maxFingerprints = maxFingerprints;
    }

    /** Metrics with at most 50 fingerprint ids. */
    public static QueryMetrics create() {
        return create(50);
    }

    /**
     * Metrics with at most {@code maxFingerprints} fingerprint ids, plus {@code other}.
     *
     * @throws IllegalArgumentException if {@code maxFingerprints} is not 1 to 1000
     */
    public static QueryMetrics create(int maxFingerprints) {
        if (maxFingerprints < 1 || maxFingerprints > 1000) {
            throw new IllegalArgumentException("maxFingerprints must be 1 to 1000, but was " + maxFingerprints);
        }
        return new QueryMetrics(maxFingerprints);
    }

    /** The listener to pass to {@link QueryInstrumentation.Builder#eventListener}; events before binding are not counted. */
    public QueryEventListener eventListener() {
        return listener;
    }

    /**
     * Publishes the statement timers of {@code instrumentation} (once bound).
     *
     * @return this
     * @throws IllegalStateException if an instrumentation was already set
     */
    public synchronized QueryMetrics track(QueryInstrumentation instrumentation) {
        Objects.requireNonNull(instrumentation, "instrumentation");
        if (this.instrumentation != null) {
            throw new IllegalStateException("QueryMetrics already tracks an instrumentation; create one per instance");
        }
        this.instrumentation = instrumentation;
        return this;
    }

    /**
     * Takes a snapshot of the statement statistics now (publication does it at most twice a second).
     *
     * @throws IllegalStateException before {@link #bindTo} with a tracked instrumentation
     */
    public void refresh() {
        Bound b = bound;
        if (b == null || b.timers == null) {
            throw new IllegalStateException("bind QueryMetrics to a registry after track(instrumentation) first");
        }
        b.timers.refresh();
    }

    /**
     * Registers the event meters and, if an instrumentation is tracked, the statement timers in {@code registry}.
     *
     * @throws IllegalStateException if already bound (one registry per instance; use a composite registry)
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (bound != null) {
            throw new IllegalStateException("QueryMetrics is bound already; use a CompositeMeterRegistry for several");
        }
        QueryInstrumentation tracked = instrumentation;
        BoundedTags tags = new BoundedTags(registry, "perfkit.db.statements", maxFingerprints);
        StatementTimers timers = tracked == null
                ? null
                : new StatementTimers(
                        tracked.stats(),
                        tags,
                        registry,
                        System::nanoTime,
                        sql -> LOG.info("perfkit fingerprint {}: {}", FingerprintIds.of(sql), sql));
        Bound b = new Bound(registry, tags, timers);
        if (timers != null) {
            timers.refresh();
        }
        bound = b;
    }

    private static final class Bound {
        final MeterRegistry registry;
        final BoundedTags tags;
        final @Nullable StatementTimers timers;
        final Counters slow = new Counters();
        final Counters nPlusOne = new Counters();
        final Map<PlanFinding.Kind, Counter> findings = new EnumMap<>(PlanFinding.Kind.class);
        final Counter explainFailures;

        Bound(MeterRegistry registry, BoundedTags tags, @Nullable StatementTimers timers) {
            this.registry = registry;
            this.tags = tags;
            this.timers = timers;
            for (PlanFinding.Kind kind : PlanFinding.Kind.values()) {
                findings.put(
                        kind,
                        Counter.builder("perfkit.db.plan.findings")
                                .description("Problems found in captured plans, by kind")
                                .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                                .register(registry));
            }
            explainFailures = Counter.builder("perfkit.db.explain.failures")
                    .description("Plan captures that failed")
                    .register(registry);
        }

        /**
         * The counter of {@code fingerprint}: one map read (the fingerprint string caches its hash), and for a
         * fingerprint not seen yet its id (a SHA-256) and the limit. The map holds at most twice the limit.
         */
        Counter counter(Counters counters, String meter, String description, String fingerprint) {
            Counter c = counters.map.get(fingerprint);
            return c != null ? c : newCounter(counters.map, meter, description, fingerprint);
        }

        private Counter newCounter(
                Map<String, Counter> counters, String meter, String description, String fingerprint) {
            String id = tags.of(timers != null ? timers.idOf(fingerprint) : FingerprintIds.of(fingerprint));
            Counter c = Counter.builder(meter)
                    .description(description)
                    .tag("fingerprint", id)
                    .register(registry);
            if (counters.size() < 2 * tags.limit()) {
                counters.putIfAbsent(fingerprint, c);
            }
            return c;
        }
    }

    /** One meter's counters by fingerprint. */
    private static final class Counters {
        final Map<String, Counter> map = new ConcurrentHashMap<>();
    }

    private final class Listener extends QueryEventListener {
        @Override
        public void onSlowQuery(SlowQueryEvent event) {
            Bound b = bound;
            if (b != null) {
                b.counter(
                                b.slow,
                                "perfkit.db.slow.statements",
                                "Statements over the slow threshold",
                                event.fingerprint())
                        .increment();
            }
        }

        @Override
        public void onNPlusOne(NPlusOneEvent event) {
            Bound b = bound;
            if (b != null) {
                b.counter(b.nPlusOne, "perfkit.db.n.plus.one", "N+1 patterns detected in a scope", event.fingerprint())
                        .increment();
            }
        }

        @Override
        public void onPlanCaptured(PlanCapturedEvent event) {
            Bound b = bound;
            if (b != null) {
                for (PlanFinding finding : event.plan().findings()) {
                    Counter c = b.findings.get(finding.kind());
                    if (c != null) {
                        c.increment();
                    }
                }
            }
        }

        @Override
        public void onExplainFailed(ExplainFailedEvent event) {
            Bound b = bound;
            if (b != null) {
                b.explainFailures.increment();
            }
        }
    }
}
