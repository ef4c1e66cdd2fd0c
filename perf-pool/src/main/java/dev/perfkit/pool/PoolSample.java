package dev.perfkit.pool;

/**
 * One observation of a running pool, the input of {@link AdaptivePolicy#decide}.
 *
 * <pre>{@code
 * PoolSample sample = PoolSample.of(System.nanoTime(), 8, 0, 12, 35.0, 950.0);
 * }</pre>
 */
public final class PoolSample {
    private final long nanoTime;
    private final int active;
    private final int idle;
    private final int waiting;
    private final double meanAcquireMillis;
    private final double borrowsPerSecond;

    private PoolSample(
            long nanoTime, int active, int idle, int waiting, double meanAcquireMillis, double borrowsPerSecond) {
        if (active < 0 || idle < 0 || waiting < 0) {
            throw new IllegalArgumentException(
                    "active, idle and waiting must be >= 0, but were " + active + ", " + idle + ", " + waiting);
        }
        if (!(meanAcquireMillis >= 0)
                || !(borrowsPerSecond >= 0)
                || Double.isInfinite(meanAcquireMillis)
                || Double.isInfinite(borrowsPerSecond)) {
            throw new IllegalArgumentException(
                    "meanAcquireMillis and borrowsPerSecond must be finite and >= 0, but were " + meanAcquireMillis
                            + ", " + borrowsPerSecond);
        }
        this.nanoTime = nanoTime;
        this.active = active;
        this.idle = idle;
        this.waiting = waiting;
        this.meanAcquireMillis = meanAcquireMillis;
        this.borrowsPerSecond = borrowsPerSecond;
    }

    /**
     * An observation.
     *
     * @param nanoTime when it was taken, from a monotonic clock ({@link System#nanoTime()} or a test ticker)
     * @param active connections lent out
     * @param idle connections ready in the pool
     * @param waiting threads waiting for a connection
     * @param meanAcquireMillis mean time callers waited for a connection since the previous sample
     * @param borrowsPerSecond connections returned per second since the last size change (the pool's throughput)
     * @throws IllegalArgumentException when a count or rate is negative or a rate is not finite
     */
    public static PoolSample of(
            long nanoTime, int active, int idle, int waiting, double meanAcquireMillis, double borrowsPerSecond) {
        return new PoolSample(nanoTime, active, idle, waiting, meanAcquireMillis, borrowsPerSecond);
    }

    /** When it was taken, in nanoseconds of a monotonic clock. */
    public long nanoTime() {
        return nanoTime;
    }

    /** Connections lent out. */
    public int active() {
        return active;
    }

    /** Connections ready in the pool. */
    public int idle() {
        return idle;
    }

    /** Threads waiting for a connection. */
    public int waiting() {
        return waiting;
    }

    /** Mean time callers waited for a connection since the previous sample. */
    public double meanAcquireMillis() {
        return meanAcquireMillis;
    }

    /** Connections returned per second since the last size change. */
    public double borrowsPerSecond() {
        return borrowsPerSecond;
    }

    @Override
    public String toString() {
        return "PoolSample[t=" + nanoTime + ", active=" + active + ", idle=" + idle + ", waiting=" + waiting
                + ", meanAcquireMillis=" + meanAcquireMillis + ", borrowsPerSecond=" + borrowsPerSecond + "]";
    }
}
