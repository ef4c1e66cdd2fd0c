package dev.perfkit.benchmarks.demo;

import java.util.concurrent.atomic.LongAdder;

/**
 * The stale-read checker. Every price change that returned is recorded with its new version and when it
 * returned; every product read is checked against the writes that had returned before the read began. A read
 * older than a write that returned more than {@code window} before it began is stale; one inside the window
 * (another instance had not heard of the write yet) is counted apart.
 */
final class Staleness {
    private static final int KEPT = 4;

    private final long windowNanos;
    private final long[][] versions;
    private final long[][] returnedAt;
    private final LongAdder stale = new LongAdder();
    private final LongAdder withinWindow = new LongAdder();
    private final LongAdder checked = new LongAdder();

    Staleness(int products, long windowNanos) {
        this.windowNanos = windowNanos;
        this.versions = new long[products + 1][KEPT];
        this.returnedAt = new long[products + 1][KEPT];
    }

    /** A price change of {@code product} to {@code version} returned at {@code now}. */
    void committed(int product, long version, long now) {
        long[] v = versions[product];
        long[] at = returnedAt[product];
        synchronized (v) {
            int oldest = 0;
            for (int i = 1; i < KEPT; i++) {
                if (v[i] < v[oldest]) {
                    oldest = i;
                }
            }
            if (version > v[oldest]) {
                v[oldest] = version;
                at[oldest] = now;
            }
        }
    }

    /** A read of {@code product} that began at {@code startedAt} saw {@code version}. */
    void read(int product, long version, long startedAt) {
        checked.increment();
        long[] v = versions[product];
        long[] at = returnedAt[product];
        boolean beyond = false;
        boolean within = false;
        synchronized (v) {
            for (int i = 0; i < KEPT; i++) {
                if (v[i] > version && at[i] != 0 && at[i] - startedAt <= 0) {
                    if (startedAt - at[i] > windowNanos) {
                        beyond = true;
                    } else {
                        within = true;
                    }
                }
            }
        }
        if (beyond) {
            stale.increment();
        } else if (within) {
            withinWindow.increment();
        }
    }

    long stale() {
        return stale.sum();
    }

    long withinWindow() {
        return withinWindow.sum();
    }

    long checked() {
        return checked.sum();
    }
}
