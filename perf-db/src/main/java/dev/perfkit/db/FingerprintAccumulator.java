package dev.perfkit.db;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The live, thread-safe counters behind one {@link FingerprintStats}. */
final class FingerprintAccumulator {
    final String fingerprint;
    final String sampleSql;
    private final LongAdder calls = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final LongAdder rows = new LongAdder();
    private final AtomicLong maxNanos = new AtomicLong();

    FingerprintAccumulator(String fingerprint, String sampleSql) {
        this.fingerprint = fingerprint;
        this.sampleSql = sampleSql.length() <= SqlFingerprint.MAX_LENGTH
                ? sampleSql
                : sampleSql.substring(0, SqlFingerprint.MAX_LENGTH);
    }

    void add(long calls, long nanos, long maxNanos, long rows) {
        this.calls.add(calls);
        this.totalNanos.add(nanos);
        this.rows.add(Math.max(0, rows));
        long current = this.maxNanos.get();
        while (maxNanos > current && !this.maxNanos.compareAndSet(current, maxNanos)) {
            current = this.maxNanos.get();
        }
    }

    long totalNanos() {
        return totalNanos.sum();
    }

    FingerprintStats snapshot() {
        return new FingerprintStats(fingerprint, sampleSql, calls.sum(), totalNanos.sum(), maxNanos.get(), rows.sum());
    }
}
