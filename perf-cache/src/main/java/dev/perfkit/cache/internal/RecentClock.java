package dev.perfkit.cache.internal;

import dev.perfkit.cache.Ticker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * The ticker Caffeine reads for expiry, remembering a recent reading so the hit path can judge an entry's age without
 * reading the clock a second time (a clock read costs about as much as the rest of a hit). The remembered reading
 * only moves forward and is at most {@link #SLACK} behind any reading already returned to a thread that then looks
 * at it: {@code recent() >= t - SLACK} for every {@code t} this thread got from {@link #read}. A hit that is fresh by
 * at least {@code SLACK} at {@code recent()} is therefore fresh at Caffeine's own reading; one closer to its deadline
 * takes the slow path, which reads the clock. It is written about once per {@code SLACK}, so threads on other cores
 * mostly read a shared cache line.
 */
final class RecentClock implements com.github.benmanes.caffeine.cache.Ticker {
    /** How far behind the remembered reading may lag. */
    static final long SLACK = TimeUnit.MILLISECONDS.toNanos(1);

    private static final VarHandle RECENT;

    static {
        try {
            RECENT = MethodHandles.lookup().findVarHandle(RecentClock.class, "recent", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Ticker ticker;

    @SuppressWarnings("unused") // through RECENT
    private volatile long recent;

    RecentClock(Ticker ticker) {
        this.ticker = ticker;
        this.recent = ticker.read();
    }

    /** Reads the clock and remembers the reading if the remembered one is more than {@link #SLACK} older. */
    @Override
    public long read() {
        long now = ticker.read();
        if (now - (long) RECENT.getOpaque(this) > SLACK) {
            advance(now);
        }
        return now;
    }

    /** Moves the remembered reading forward to {@code now} unless another thread moved it close enough. */
    private void advance(long now) {
        for (; ; ) {
            long seen = (long) RECENT.getOpaque(this);
            if (now - seen <= SLACK || RECENT.weakCompareAndSet(this, seen, now)) {
                return;
            }
        }
    }

    /** A reading at most {@link #SLACK} behind every reading this thread already got from {@link #read}. */
    long recent() {
        return (long) RECENT.getOpaque(this);
    }
}
