package dev.perfkit.pool;

/**
 * One observation of a running pool, the input of {@link AdaptivePolicy#decide}.
 *
 * <pre>{@code
 * PoolSample sample = new PoolSample(ticker.read(), 8, 0, 12, 35.0, 950.0);
 * }</pre>
 *
 * @param nanoTime when it was taken, from a monotonic clock ({@link System#nanoTime()} or a test ticker)
 * @param active connections lent out
 * @param idle connections ready in the pool
 * @param waiting threads waiting for a connection
 * @param meanAcquireMillis mean time callers waited for a connection since the previous sample
 * @param borrowsPerSecond connections returned per second since the previous sample (the pool's throughput)
 */
public record PoolSample(
        long nanoTime, int active, int idle, int waiting, double meanAcquireMillis, double borrowsPerSecond) {

    /** @throws IllegalArgumentException when a count or rate is negative */
    public PoolSample {
        if (active < 0 || idle < 0 || waiting < 0) {
            throw new IllegalArgumentException(
                    "active, idle and waiting must be >= 0, but were " + active + ", " + idle + ", " + waiting);
        }
        if (!(meanAcquireMillis >= 0) || !(borrowsPerSecond >= 0)) {
            throw new IllegalArgumentException("meanAcquireMillis and borrowsPerSecond must be >= 0, but were "
                    + meanAcquireMillis + ", " + borrowsPerSecond);
        }
    }
}
