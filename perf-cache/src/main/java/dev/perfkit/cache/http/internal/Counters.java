package dev.perfkit.cache.http.internal;

import dev.perfkit.cache.http.StoreRefusal;
import java.util.concurrent.atomic.LongAdder;

/** The response cache's counters, in the order {@code HttpCacheStats} reads them. */
public final class Counters {
    public static final int HITS = 0;
    public static final int MISSES = 1;
    public static final int STALE = 2;
    public static final int REVALIDATIONS = 3;
    public static final int REVALIDATIONS_NOT_MODIFIED = 4;
    public static final int NOT_MODIFIED = 5;
    public static final int BYTES_SAVED = 6;
    public static final int COLLAPSED = 7;
    public static final int COLLAPSE_TIMEOUTS = 8;
    public static final int PASSED_THROUGH = 9;
    public static final int STORED = 10;
    public static final int PURGE_FAILURES = 11;
    static final int COUNT = 12;

    private final LongAdder[] counters = new LongAdder[COUNT];
    private final LongAdder[] refusals = new LongAdder[StoreRefusal.values().length];

    Counters() {
        for (int i = 0; i < COUNT; i++) {
            counters[i] = new LongAdder();
        }
        for (int i = 0; i < refusals.length; i++) {
            refusals[i] = new LongAdder();
        }
    }

    void add(int counter, long n) {
        counters[counter].add(n);
    }

    void inc(int counter) {
        counters[counter].increment();
    }

    void refused(StoreRefusal reason) {
        refusals[reason.ordinal()].increment();
    }

    public long[] snapshot() {
        long[] out = new long[COUNT];
        for (int i = 0; i < COUNT; i++) {
            out[i] = counters[i].sum();
        }
        return out;
    }

    public long[] refusals() {
        long[] out = new long[refusals.length];
        for (int i = 0; i < refusals.length; i++) {
            out[i] = refusals[i].sum();
        }
        return out;
    }
}
