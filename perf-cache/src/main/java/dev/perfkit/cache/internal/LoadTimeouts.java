package dev.perfkit.cache.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timer behind {@code loadTimeout}: one daemon thread shared by every cache, started on first use, whose tasks
 * are removed as soon as their load completes (so a busy cache does not pile up timers).
 */
final class LoadTimeouts {
    private LoadTimeouts() {}

    private static final class Holder {
        static final ScheduledThreadPoolExecutor TIMER = timer();

        private static ScheduledThreadPoolExecutor timer() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "perfkit-cache-load-timeout");
                thread.setDaemon(true);
                return thread;
            });
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }

    /** Runs {@code task} after {@code nanos} unless the returned handle is cancelled first. */
    static ScheduledFuture<?> schedule(Runnable task, long nanos) {
        return Holder.TIMER.schedule(task, nanos, TimeUnit.NANOSECONDS);
    }
}
