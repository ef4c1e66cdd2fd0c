package dev.perfkit.db;

import dev.perfkit.db.plan.ExplainDialect;
import dev.perfkit.db.plan.ExplainedPlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures plans of slow statements on one background thread, with its own connection from the given
 * DataSource, at most once per fingerprint per interval. A failing EXPLAIN is therefore also reported (one
 * SLF4J warning and one {@link ExplainFailedEvent}) at most once per fingerprint per interval, and never
 * reaches the user's query; when the small queue is full, captures are dropped. A captured plan is logged
 * as one WARN line (top node, cost, findings) and, at DEBUG, the plan on one line; the listener's
 * {@link PlanCapturedEvent} carries the full plan.
 */
final class PlanCapturer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlanCapturer.class);
    private static final int MAX_TRACKED = 10_000;
    /** Marks the capture thread, so statements it runs through an instrumented DataSource are not recorded. */
    static final ThreadLocal<Boolean> CAPTURING = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final DataSource dataSource;
    private final ExplainDialect dialect;
    private final long intervalNanos;
    private final LongSupplier ticker;
    private final QueryEventListener listener;
    private final ThreadPoolExecutor executor;
    private final ConcurrentHashMap<String, Long> lastCapture = new ConcurrentHashMap<>();

    PlanCapturer(
            DataSource dataSource,
            ExplainDialect dialect,
            long intervalNanos,
            LongSupplier ticker,
            QueryEventListener listener) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.intervalNanos = intervalNanos;
        this.ticker = ticker;
        this.listener = listener;
        this.executor = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(32),
                r -> {
                    Thread t = new Thread(r, "perfkit-explain");
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.DiscardPolicy());
    }

    /** Schedules a capture unless this fingerprint was captured within the interval. */
    void maybeCapture(String fingerprint, String sql) {
        long now = ticker.getAsLong();
        if (lastCapture.size() >= MAX_TRACKED) {
            lastCapture.clear();
        }
        boolean[] due = new boolean[1];
        lastCapture.compute(fingerprint, (k, last) -> {
            if (last == null || now - last >= intervalNanos) {
                due[0] = true;
                return now;
            }
            return last;
        });
        if (due[0]) {
            executor.execute(() -> capture(fingerprint, sql));
        }
    }

    private void capture(String fingerprint, String sql) {
        CAPTURING.set(Boolean.TRUE);
        try (Connection connection = dataSource.getConnection()) {
            Optional<ExplainedPlan> plan = dialect.explain(connection, sql, false);
            if (plan.isEmpty()) {
                LOG.debug("Slow statement not explained (not safe to explain or parameterized): {}", fingerprint);
                return;
            }
            LOG.warn(PlanLogLines.summary(fingerprint, plan.get()));
            if (LOG.isDebugEnabled()) {
                LOG.debug("Plan of slow query {}: {}", fingerprint, PlanLogLines.plan(plan.get()));
            }
            PlanCapturedEvent event = new PlanCapturedEvent(fingerprint, sql, plan.get());
            Listeners.notify(() -> listener.onPlanCaptured(event));
        } catch (SQLException | RuntimeException e) {
            // Reached at most once per fingerprint per interval: maybeCapture only schedules due captures.
            LOG.warn(
                    "EXPLAIN failed for slow query {} (reported at most once per fingerprint per interval; "
                            + "the query itself was not affected)",
                    fingerprint,
                    e);
            ExplainFailedEvent event = new ExplainFailedEvent(fingerprint, sql, e);
            Listeners.notify(() -> listener.onExplainFailed(event));
        } finally {
            CAPTURING.remove();
        }
    }

    /** Stops accepting captures and waits up to {@code millis} for queued ones to finish. */
    boolean drain(long millis) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
