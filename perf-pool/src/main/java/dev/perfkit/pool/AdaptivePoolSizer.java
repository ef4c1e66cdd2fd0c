package dev.perfkit.pool;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Resizes a running HikariCP pool: samples {@link HikariPoolMXBean} and {@link AcquisitionStats}, asks the
 * {@link AdaptivePolicy} and sets maximumPoolSize through {@link HikariConfigMXBean}. Unlike FlexyPool, which
 * only grows, it also shrinks: when idle, and when a pool started too large keeps every connection busy for no
 * throughput (see the probe down in {@link AdaptivePolicy}).
 *
 * <p>While it runs, minimumIdle is held at the policy's minSize so that HikariCP's housekeeper retires surplus
 * idle connections (after idleTimeout) once the size goes down; when the size goes down while the surplus
 * connections are busy, the sizer closes them itself as they come back.
 *
 * <pre>{@code
 * try (AdaptivePoolSizer sizer = AdaptivePoolSizer.start(pool, stats, AdaptivePolicy.between(2, 16),
 *     Duration.ofMillis(500))) {
 *   ... // serve traffic
 *   log.info("pool size {} because {}", sizer.state().size(), sizer.state().reason());
 * }
 * }</pre>
 */
public final class AdaptivePoolSizer implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final HikariPoolMXBean pool;
    private final HikariConfigMXBean config;
    private final AcquisitionStats stats;
    private final AdaptivePolicy policy;
    private final LongSupplier ticker;
    private final ScheduledExecutorService scheduler;
    private AcquisitionStats.Snapshot previous;
    private long previousAt;
    private AcquisitionStats.Snapshot atChange;
    private long changeAt;
    private volatile SizerState state;

    private AdaptivePoolSizer(
            HikariDataSource dataSource, AcquisitionStats stats, AdaptivePolicy policy, LongSupplier ticker) {
        this.dataSource = dataSource;
        this.pool = Objects.requireNonNull(dataSource.getHikariPoolMXBean(), "pool not started: getHikariPoolMXBean()");
        this.config = dataSource.getHikariConfigMXBean();
        this.stats = stats;
        this.policy = policy;
        this.ticker = ticker;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "perfkit-pool-sizer-" + config.getPoolName());
            t.setDaemon(true);
            return t;
        });
        this.previous = stats.snapshot();
        this.previousAt = ticker.getAsLong();
        this.atChange = previous;
        this.changeAt = previousAt;
        this.state = SizerState.start(config.getMaximumPoolSize(), previousAt);
    }

    /**
     * Starts sampling {@code dataSource} every {@code interval} (at least 50 ms).
     *
     * @param stats the factory set on the pool's configuration before it started
     * @throws IllegalArgumentException when interval is below 50 ms
     * @throws NullPointerException when an argument is null or the pool has not started
     */
    public static AdaptivePoolSizer start(
            HikariDataSource dataSource, AcquisitionStats stats, AdaptivePolicy policy, java.time.Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.toMillis() < 50) {
            throw new IllegalArgumentException(
                    "interval must be at least 50 ms, but was " + interval.toMillis() + " ms");
        }
        AdaptivePoolSizer sizer = manual(dataSource, stats, policy, System::nanoTime);
        ScheduledFuture<?> unused = sizer.scheduler.scheduleWithFixedDelay(
                sizer::tickQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return sizer;
    }

    /** A sizer that only acts when {@link #tick()} is called, reading time from {@code ticker} (for tests). */
    public static AdaptivePoolSizer manual(
            HikariDataSource dataSource, AcquisitionStats stats, AdaptivePolicy policy, LongSupplier ticker) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(ticker, "ticker");
        AdaptivePoolSizer sizer = new AdaptivePoolSizer(dataSource, stats, policy, ticker);
        sizer.config.setMinimumIdle(Math.min(policy.minSize(), sizer.config.getMaximumPoolSize()));
        return sizer;
    }

    /** Takes one sample, decides and applies the size; returns the new state. */
    public synchronized SizerState tick() {
        long now = ticker.getAsLong();
        AcquisitionStats.Snapshot current = stats.snapshot();
        // Throughput is averaged since the last size change: one sampling interval alone is too noisy to judge a
        // growth.
        double seconds = Math.max(1e-9, (now - changeAt) / 1e9);
        PoolSample sample = new PoolSample(
                now,
                pool.getActiveConnections(),
                pool.getIdleConnections(),
                pool.getThreadsAwaitingConnection(),
                current.meanAcquireMillisSince(previous),
                (current.returns() - atChange.returns()) / seconds);
        previous = current;
        previousAt = now;
        SizerState next = policy.decide(state, sample);
        if (next.size() != config.getMaximumPoolSize()) {
            if (next.size() < config.getMinimumIdle()) {
                config.setMinimumIdle(next.size());
            }
            config.setMaximumPoolSize(next.size());
            retireSurplus(next.size());
        }
        if (next.lastChange() != state.lastChange()) {
            atChange = current;
            changeAt = now;
        }
        state = next;
        return next;
    }

    /**
     * Closes the connections above a lowered size now. HikariCP only retires a connection that idled for
     * idleTimeout, which never happens in a pool whose connections are all busy, so without this a probe down would
     * lower maximumPoolSize and change nothing. Each surplus connection is borrowed (as soon as a caller returns one)
     * and evicted while held, which closes exactly that connection; the kept ones stay open.
     */
    private void retireSurplus(int size) {
        for (int surplus = pool.getTotalConnections() - size;
                surplus > 0 && pool.getTotalConnections() > size;
                surplus--) {
            try {
                dataSource.evictConnection(dataSource.getConnection());
            } catch (SQLException e) {
                return; // no connection within connectionTimeout: HikariCP's housekeeper retires the rest when idle
            }
        }
    }

    /** The latest state: size and the reason for it. */
    public SizerState state() {
        return state;
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A closed or failing pool must not kill the scheduler thread; the next tick tries again.
            state = new SizerState(
                    state.size(),
                    -1,
                    -1,
                    -1,
                    state.lastChange(),
                    state.ceiling(),
                    state.floor(),
                    -1,
                    0,
                    "sample failed: " + e);
        }
    }

    /** Stops sampling; the pool keeps its current size. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
