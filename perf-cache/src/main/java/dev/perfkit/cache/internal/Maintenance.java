package dev.perfkit.cache.internal;

import java.util.concurrent.Executor;

/**
 * The executor Caffeine runs its maintenance and removal notices on: the cache's executor, except while a thread
 * stores the result of a load, when the work Caffeine schedules runs on that thread. A store after a load follows a
 * second-level round trip or a loader the caller already waited for; handing the few microseconds of maintenance it
 * schedules (draining the write buffer, evicting over the bound) to a pool thread costs more than doing them, since
 * the pool thread must be woken for every store (on two cores, a second-level fill paid for that wake-up with a
 * quarter of its throughput). Hits never store, so they keep Caffeine's asynchronous read-buffer drains.
 */
final class Maintenance implements Executor {
    private static final ThreadLocal<int[]> INLINE = ThreadLocal.withInitial(() -> new int[1]);

    private final Executor executor;

    Maintenance(Executor executor) {
        this.executor = executor;
    }

    /** Runs {@code store} with the maintenance it schedules on this thread. */
    static void inline(Runnable store) {
        int[] depth = INLINE.get();
        depth[0]++;
        try {
            store.run();
        } finally {
            depth[0]--;
        }
    }

    @Override
    public void execute(Runnable task) {
        if (INLINE.get()[0] > 0) {
            task.run();
        } else {
            executor.execute(task);
        }
    }
}
