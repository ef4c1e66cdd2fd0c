package dev.perfkit.pool;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resizes a running HikariCP pool: samples {@link HikariPoolMXBean} and {@link AcquisitionStats}, asks the
 * {@link AdaptivePolicy} and sets maximumPoolSize through {@link HikariConfigMXBean}. Unlike FlexyPool, which only
 * grows, it also shrinks: when idle, and when a pool started too large keeps every connection busy for no throughput.
 *
 * <p>What it changes, and gives back: while it runs, minimumIdle is held at the policy's minSize so that HikariCP
 * retires surplus idle connections after a shrink; {@link #close()} restores the minimumIdle it found (unless someone
 * else changed it meanwhile). The size it reached stays. When a size goes down while surplus connections exist, it
 * asks HikariCP to soft-evict the pool's connections ({@link HikariPoolMXBean#softEvictConnections()}): idle ones
 * close now, busy ones when they are returned, and the pool refills up to the new size on demand. The tick thread
 * never borrows a connection and never waits. After each change the sizer waits until the pool has reached the new
 * size (at most growAfter) before it measures the new size's throughput, so the cost of opening or replacing
 * connections is not mistaken for the new size's throughput.
 *
 * <p>The operator wins: when maximumPoolSize changes from outside (JMX, an admin endpoint), the sizer pauses, keeps
 * that value, logs a warning once and says so in {@link #state()}, until {@link #resume()} is called.
 *
 * {@snippet class=dev.perfkit.pool.snippets.PoolPresetSnippets region=adaptive}
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class AdaptivePoolSizer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdaptivePoolSizer.class);

    private final HikariPoolMXBean pool;
    private final HikariConfigMXBean config;
    private final AcquisitionStats stats;
    private final AdaptivePolicy policy;
    private final LongSupplier ticker;
    private final ScheduledExecutorService scheduler;
    private final int minimumIdleFound;
    private int minimumIdleSet;
    private int applied;
    private boolean paused;
    private long settlingSince = -1;
    private boolean evicted;
    private long creationsAtChange;
    private boolean closed;
    private AcquisitionStats.Snapshot previous;
    private AcquisitionStats.Snapshot atChange;
    private long changeAt;
    private volatile SizerState state;

    private AdaptivePoolSizer(
            HikariDataSource dataSource, AcquisitionStats stats, AdaptivePolicy policy, LongSupplier ticker) {
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
        this.atChange = previous;
        this.changeAt = ticker.getAsLong();
        this.applied = config.getMaximumPoolSize();
        this.state = SizerState.start(applied, changeAt);
        this.settlingSince = changeAt; // the first window starts once the pool holds what it is meant to
        this.creationsAtChange = previous.creations();
        this.minimumIdleFound = config.getMinimumIdle();
        this.minimumIdleSet = Math.min(policy.minSize(), applied);
        config.setMinimumIdle(minimumIdleSet);
    }

    /**
     * Starts sampling {@code dataSource} every {@code interval} (at least 50 ms).
     *
     * @param stats the factory set on the pool's configuration before it started
     * @throws IllegalArgumentException when interval is below 50 ms
     * @throws NullPointerException when an argument is null or the pool has not started
     */
    public static AdaptivePoolSizer start(
            HikariDataSource dataSource, AcquisitionStats stats, AdaptivePolicy policy, Duration interval) {
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

    /**
     * A sizer that only acts when {@link #tick()} is called, reading time from {@code ticker} (for tests).
     *
     * @throws NullPointerException when an argument is null or the pool has not started
     */
    public static AdaptivePoolSizer manual(
            HikariDataSource dataSource, AcquisitionStats stats, AdaptivePolicy policy, LongSupplier ticker) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(ticker, "ticker");
        return new AdaptivePoolSizer(dataSource, stats, policy, ticker);
    }

    /** Takes one sample, decides and applies the size; returns the new state. Never blocks. */
    public synchronized SizerState tick() {
        if (closed) {
            return state;
        }
        long now = ticker.getAsLong();
        AcquisitionStats.Snapshot current = stats.snapshot();
        int configured = config.getMaximumPoolSize();
        if (configured != applied && !paused) {
            paused = true;
            String why = "paused: maximumPoolSize was changed from " + applied + " to " + configured
                    + " outside the sizer; resume() to size again";
            LOG.warn("{} - adaptive sizer {}", config.getPoolName(), why);
            state = state.changed(configured, now, 0, 0, -1, why);
        }
        if (paused) {
            previous = current;
            return state;
        }
        if (settlingSince >= 0) {
            previous = current;
            if (!settled(current, now)) {
                return state;
            }
            // Judge the new size from here: the replacement of the evicted connections is not its throughput.
            settlingSince = -1;
            SizerState.Draft d = state.draft();
            d.lastChange = now;
            state = d.build();
            atChange = current;
            changeAt = now;
            return state;
        }
        // Throughput is averaged since the last size change: one sampling interval alone is too noisy to judge.
        double seconds = Math.max(1e-9, (now - changeAt) / 1e9);
        PoolSample sample = PoolSample.of(
                now,
                pool.getActiveConnections(),
                pool.getIdleConnections(),
                pool.getThreadsAwaitingConnection(),
                current.meanAcquireMillisSince(previous),
                Math.max(0, (current.returns() - atChange.returns()) / seconds));
        previous = current;
        SizerState next = policy.decide(state, sample);
        if (next.size() != configured) {
            apply(next.size());
        }
        if (next.lastChange() != state.lastChange()) {
            atChange = current;
            changeAt = now;
        }
        state = next;
        return next;
    }

    private void apply(int size) {
        if (size < config.getMinimumIdle()) {
            config.setMinimumIdle(size);
            minimumIdleSet = size;
        }
        int before = config.getMaximumPoolSize();
        config.setMaximumPoolSize(size);
        applied = size;
        settlingSince = ticker.getAsLong();
        creationsAtChange = stats.snapshot().creations();
        evicted = size < before && pool.getTotalConnections() > size;
        if (evicted) {
            // HikariCP retires idle connections only after idleTimeout and never busy ones, so a lowered limit
            // alone changes nothing in a busy pool. Soft eviction closes idle connections now and busy ones on
            // return, without borrowing any; the pool refills up to the new size as callers need.
            pool.softEvictConnections();
        }
    }

    /**
     * Whether the pool has reached its new size, so that throughput measured from now on is the new size's and not
     * the cost of getting there: after a growth, the new connections are open (or nobody waits for them); after a
     * shrink with eviction, as many connections were opened since as the pool holds, and no more than the new size.
     * Or growAfter has passed, whichever comes first.
     */
    private boolean settled(AcquisitionStats.Snapshot current, long now) {
        int total = pool.getTotalConnections();
        long opened = current.creations() - creationsAtChange;
        boolean reached = total <= applied
                && (total >= applied || pool.getThreadsAwaitingConnection() == 0)
                && (!evicted || opened >= total);
        return reached || now - settlingSince >= policy.growAfter().toNanos();
    }

    /**
     * Ends a pause after an outside change: sizing starts again from the pool's current maximumPoolSize, with
     * nothing learnt.
     */
    public synchronized void resume() {
        if (!paused || closed) {
            return;
        }
        paused = false;
        applied = config.getMaximumPoolSize();
        changeAt = ticker.getAsLong();
        atChange = stats.snapshot();
        state = SizerState.start(applied, changeAt);
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
            SizerState.Draft d = state.draft();
            d.reason = "sample failed: " + e;
            state = d.build();
        }
    }

    /**
     * Stops sampling, waits for a tick in progress, and restores the minimumIdle the sizer found at start unless it
     * was changed from outside meanwhile; the pool keeps its current maximumPoolSize.
     */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (config.getMinimumIdle() == minimumIdleSet) {
                config.setMinimumIdle(minimumIdleFound);
            }
        }
    }
}
