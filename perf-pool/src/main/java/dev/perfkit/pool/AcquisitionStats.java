package dev.perfkit.pool;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Counts connection acquisitions, their wait time and returns, through HikariCP's metrics hook; the
 * {@link AdaptivePoolSizer} reads it. Wraps another factory (e.g. Micrometer's) so both see every event.
 *
 * <pre>{@code
 * AcquisitionStats stats = AcquisitionStats.wrapping(null);
 * config.setMetricsTrackerFactory(stats);        // before the pool starts
 * HikariDataSource pool = new HikariDataSource(config);
 * AdaptivePoolSizer sizer = AdaptivePoolSizer.start(pool, stats, AdaptivePolicy.between(2, 16), Duration.ofSeconds(1));
 * }</pre>
 */
public final class AcquisitionStats implements MetricsTrackerFactory {
    private final @Nullable MetricsTrackerFactory delegate;
    private final LongAdder acquisitions = new LongAdder();
    private final LongAdder acquireNanos = new LongAdder();
    private final LongAdder returns = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder creations = new LongAdder();

    private AcquisitionStats(@Nullable MetricsTrackerFactory delegate) {
        this.delegate = delegate;
    }

    /** Stats that also forward every event to {@code delegate} when it is not null. */
    public static AcquisitionStats wrapping(@Nullable MetricsTrackerFactory delegate) {
        return new AcquisitionStats(delegate);
    }

    @Override
    public IMetricsTracker create(String poolName, PoolStats poolStats) {
        IMetricsTracker next = delegate == null ? new IMetricsTracker() {} : delegate.create(poolName, poolStats);
        return new Tracker(next);
    }

    /** The counters so far: acquisitions, their total wait in nanoseconds, returns, timeouts and new connections. */
    public Snapshot snapshot() {
        return new Snapshot(acquisitions.sum(), acquireNanos.sum(), returns.sum(), timeouts.sum(), creations.sum());
    }

    /** Cumulative counters at one moment; subtract two to get an interval. */
    public static final class Snapshot {
        private final long acquisitions;
        private final long acquireNanos;
        private final long returns;
        private final long timeouts;
        private final long creations;

        private Snapshot(long acquisitions, long acquireNanos, long returns, long timeouts, long creations) {
            this.acquisitions = acquisitions;
            this.acquireNanos = acquireNanos;
            this.returns = returns;
            this.timeouts = timeouts;
            this.creations = creations;
        }

        /** Connections handed out. */
        public long acquisitions() {
            return acquisitions;
        }

        /** Total time callers waited for them, in nanoseconds. */
        public long acquireNanos() {
            return acquireNanos;
        }

        /** Connections given back. */
        public long returns() {
            return returns;
        }

        /** Callers that gave up after connectionTimeout. */
        public long timeouts() {
            return timeouts;
        }

        /** Connections the pool opened. */
        public long creations() {
            return creations;
        }

        /** Mean wait in milliseconds between {@code earlier} and this snapshot, 0 when nothing was acquired. */
        public double meanAcquireMillisSince(Snapshot earlier) {
            long n = acquisitions - earlier.acquisitions;
            return n <= 0 ? 0 : (acquireNanos - earlier.acquireNanos) / 1e6 / n;
        }

        @Override
        public String toString() {
            return "Snapshot[acquisitions=" + acquisitions + ", acquireNanos=" + acquireNanos + ", returns=" + returns
                    + ", timeouts=" + timeouts + ", creations=" + creations + "]";
        }
    }

    private final class Tracker implements IMetricsTracker {
        private final IMetricsTracker next;

        Tracker(IMetricsTracker next) {
            this.next = next;
        }

        @Override
        public void recordConnectionCreatedMillis(long millis) {
            creations.increment();
            next.recordConnectionCreatedMillis(millis);
        }

        @Override
        public void recordConnectionAcquiredNanos(long nanos) {
            acquisitions.increment();
            acquireNanos.add(nanos);
            next.recordConnectionAcquiredNanos(nanos);
        }

        @Override
        public void recordConnectionUsageMillis(long millis) {
            returns.increment();
            next.recordConnectionUsageMillis(millis);
        }

        @Override
        public void recordConnectionTimeout() {
            timeouts.increment();
            next.recordConnectionTimeout();
        }

        @Override
        public void close() {
            next.close();
        }
    }
}
