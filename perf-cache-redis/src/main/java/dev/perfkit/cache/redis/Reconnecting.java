package dev.perfkit.cache.redis;

import io.lettuce.core.resource.Delay;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection that is attempted until it succeeds, with Lettuce's reconnect backoff between attempts, so a cache
 * can be built while Redis is down. Once open, Lettuce's own watchdog keeps it (reconnecting with the same backoff).
 */
final class Reconnecting<T extends AutoCloseable> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconnecting.class);

    private final String what;
    private final Supplier<CompletionStage<T>> connect;
    private final Consumer<T> opened;
    private final ScheduledExecutorService timer;
    private final Delay delay;
    private final RedisCounters counters;
    private volatile @Nullable T connection;
    private volatile boolean closed;

    Reconnecting(
            String what,
            Supplier<CompletionStage<T>> connect,
            Consumer<T> opened,
            ScheduledExecutorService timer,
            Delay delay,
            RedisCounters counters) {
        this.what = what;
        this.connect = connect;
        this.opened = opened;
        this.timer = timer;
        this.delay = delay;
        this.counters = counters;
    }

    /** Starts connecting; waits up to {@code waitMillis} for the first attempt, so a reachable Redis is used at once. */
    Reconnecting<T> start(long waitMillis) {
        try {
            attempt(1).toCompletableFuture().get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // retried in the background
        }
        return this;
    }

    /** The open connection, or {@code null} while attempts go on. */
    @Nullable
    T get() {
        return connection;
    }

    private CompletionStage<?> attempt(long number) {
        CompletionStage<T> stage;
        try {
            stage = connect.get();
        } catch (RuntimeException e) {
            stage = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        return stage.whenComplete((open, error) -> {
            if (error == null && open != null) {
                if (closed) {
                    closeQuietly(open);
                    return;
                }
                try {
                    opened.accept(open);
                } catch (RuntimeException e) {
                    LOG.warn("setting up the {} connection failed", what, e);
                }
                connection = open;
                return;
            }
            counters.connectFailures.increment();
            if (closed) {
                return;
            }
            long wait = Math.max(1, delay.createDelay(number).toMillis());
            if (number == 1) {
                LOG.warn("cannot connect the {} to Redis; retrying in the background", what, error);
            }
            try {
                var unused = timer.schedule(() -> attempt(number + 1), wait, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        T open = connection;
        if (open != null) {
            closeQuietly(open);
        }
    }

    private static void closeQuietly(AutoCloseable open) {
        try {
            open.close();
        } catch (Exception e) {
            LOG.debug("closing a Redis connection failed", e);
        }
    }
}
