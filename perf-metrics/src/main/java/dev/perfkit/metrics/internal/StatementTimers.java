package dev.perfkit.metrics.internal;

import dev.perfkit.db.FingerprintStats;
import dev.perfkit.db.QueryStats;
import dev.perfkit.db.QueryStatsSnapshot;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The statement timers of one {@link QueryStats}: one {@code perfkit.db.statements} timer per admitted fingerprint
 * id, the rest under {@code fingerprint=other}. Read from snapshots taken at most once per refresh interval.
 *
 * <p>Every timer is monotonic, whatever perf-db does underneath: a fingerprint starts counting from the snapshot
 * in which it got its own timer (what it ran before stays under {@code other}); one that perf-db folds into its own
 * "other" keeps its last value while the folded calls move to {@code other}. So the timers always add up to the
 * calls of the whole snapshot, and no counter ever goes down.
 */
public final class StatementTimers {
    private static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final QueryStats stats;
    private final BoundedTags tags;
    private final MeterRegistry registry;
    private final LongSupplier ticker;
    private final Consumer<String> onAdmitted;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Tracked> tracked = new HashMap<>();
    private final Map<String, String> ids = new HashMap<>();
    private final Tracked other = new Tracked();
    private long refreshedAt;
    private boolean refreshed;

    /** Timers of {@code stats}; {@code onAdmitted} hears each fingerprint (the SQL text) that gets its own id. */
    public StatementTimers(
            QueryStats stats,
            BoundedTags tags,
            MeterRegistry registry,
            LongSupplier ticker,
            Consumer<String> onAdmitted) {
        this.stats = stats;
        this.tags = tags;
        this.registry = registry;
        this.ticker = ticker;
        this.onAdmitted = onAdmitted;
        register(BoundedTags.OTHER, other);
    }

    /** Returns the id of {@code fingerprint}, from a bounded cache. */
    public String idOf(String fingerprint) {
        lock.lock();
        try {
            return cachedId(fingerprint);
        } finally {
            lock.unlock();
        }
    }

    private String cachedId(String fingerprint) {
        String id = ids.get(fingerprint);
        if (id == null) {
            if (ids.size() >= 4 * 10_000) {
                ids.clear();
            }
            id = FingerprintIds.of(fingerprint);
            ids.put(fingerprint, id);
        }
        return id;
    }

    /** Takes a new snapshot now, registering timers for new top fingerprints while the limit allows. */
    public void refresh() {
        lock.lock();
        try {
            refreshLocked();
        } finally {
            lock.unlock();
        }
    }

    private void refreshIfDue() {
        if (!lock.tryLock()) {
            return; // another reader refreshes; this one reads the values of the last snapshot
        }
        try {
            if (!refreshed || ticker.getAsLong() - refreshedAt >= REFRESH_NANOS) {
                refreshLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    private void refreshLocked() {
        refreshed = true;
        refreshedAt = ticker.getAsLong();
        QueryStatsSnapshot snap = stats.snapshot();
        long totalCalls = snap.other().calls();
        long totalNanos = snap.other().totalNanos();
        for (FingerprintStats s : snap.top()) {
            totalCalls += s.calls();
            totalNanos += s.totalNanos();
        }
        long ownCalls = 0;
        long ownNanos = 0;
        for (FingerprintStats s : snap.top()) {
            String id = cachedId(s.fingerprint());
            Tracked t = tracked.get(id);
            if (t == null && tags.of(id).equals(id)) {
                t = new Tracked();
                t.offsetCalls = s.calls();
                t.offsetNanos = s.totalNanos();
                tracked.put(id, t);
                register(id, t);
                onAdmitted.accept(s.fingerprint());
            }
            if (t != null) {
                t.update(s.calls(), s.totalNanos());
            }
        }
        for (Tracked t : tracked.values()) {
            ownCalls += t.calls;
            ownNanos += t.nanos;
        }
        other.calls = Math.max(other.calls, totalCalls - ownCalls);
        other.nanos = Math.max(other.nanos, totalNanos - ownNanos);
    }

    private void register(String id, Tracked t) {
        FunctionTimer.builder("perfkit.db.statements", t, x -> read(x).calls, x -> read(x).nanos, TimeUnit.NANOSECONDS)
                .description("Statements by fingerprint id (top fingerprints by total time; the rest as other)")
                .tag("fingerprint", id)
                .register(registry);
    }

    private Tracked read(Tracked t) {
        refreshIfDue();
        return t;
    }

    /** The reported counts of one fingerprint id, kept monotonic. Guarded by the lock for writes. */
    private static final class Tracked {
        volatile long calls;
        volatile long nanos;
        long offsetCalls;
        long offsetNanos;

        void update(long rawCalls, long rawNanos) {
            if (rawCalls - offsetCalls < calls) {
                offsetCalls = rawCalls - calls; // perf-db folded and re-tracked it: count on from here
            }
            if (rawNanos - offsetNanos < nanos) {
                offsetNanos = rawNanos - nanos;
            }
            calls = rawCalls - offsetCalls;
            nanos = rawNanos - offsetNanos;
        }
    }
}
