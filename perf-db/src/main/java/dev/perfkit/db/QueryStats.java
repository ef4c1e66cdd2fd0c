package dev.perfkit.db;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-fingerprint statistics of executed statements, with bounded memory: at most {@code 2 * topN}
 * fingerprints are tracked; when more appear, the ones with the least total time are folded into a single
 * {@link FingerprintStats#OTHER} entry. {@link QueryInstrumentation} feeds it; read it with {@link #snapshot()}.
 *
 * <pre>{@code
 * QueryStats stats = QueryStats.create(100);
 * stats.record("select * from t where id = 1", 1_200_000, 1);
 * QueryStatsSnapshot snap = stats.snapshot();
 * }</pre>
 */
public final class QueryStats {
    private final int topN;
    private final FingerprintCache fingerprints;
    private final ConcurrentHashMap<String, FingerprintAccumulator> tracked = new ConcurrentHashMap<>();
    private final FingerprintAccumulator other = new FingerprintAccumulator(FingerprintStats.OTHER, "");

    private QueryStats(int topN, int cacheSize) {
        this.topN = topN;
        this.fingerprints = new FingerprintCache(cacheSize);
    }

    /**
     * Creates statistics that keep the top {@code topN} fingerprints by total time.
     *
     * @throws IllegalArgumentException if {@code topN} is outside 1..100000
     */
    public static QueryStats create(int topN) {
        if (topN < 1 || topN > 100_000) {
            throw new IllegalArgumentException("topN must be between 1 and 100000, but was " + topN);
        }
        return new QueryStats(topN, Math.max(1024, topN * 4));
    }

    /** The fingerprint of {@code sql}, from a bounded cache of recently seen SQL strings. */
    String fingerprint(String sql) {
        return fingerprints.get(sql);
    }

    /**
     * Records one execution of {@code sql}.
     *
     * @param sql the executed SQL text, with or without bind markers
     * @param nanos the execution time in nanoseconds (negative values count as zero)
     * @param rows the rows returned or affected (negative values, meaning unknown, count as zero)
     * @throws NullPointerException if {@code sql} is null
     */
    public void record(String sql, long nanos, long rows) {
        Objects.requireNonNull(sql, "sql");
        recordFingerprint(fingerprint(sql), sql, nanos, rows);
    }

    void recordFingerprint(String fingerprint, String sql, long nanos, long rows) {
        long time = Math.max(0, nanos);
        FingerprintAccumulator acc = tracked.get(fingerprint);
        if (acc == null) {
            if (tracked.size() >= 2 * topN) {
                trim();
            }
            acc = tracked.computeIfAbsent(fingerprint, f -> new FingerprintAccumulator(f, sql));
        }
        acc.add(1, time, time, rows);
    }

    /** Adds rows to a fingerprint without counting a call: to the "other" entry if it is not tracked. */
    void addRows(String fingerprint, long rows) {
        if (rows <= 0) {
            return;
        }
        FingerprintAccumulator acc = tracked.get(fingerprint);
        (acc != null ? acc : other).add(0, 0, 0, rows);
    }

    /** Folds all but the top N into "other". Racing recorders may lose a few counts to the fold; never memory. */
    private synchronized void trim() {
        if (tracked.size() < 2 * topN) {
            return;
        }
        List<Map.Entry<String, FingerprintAccumulator>> entries = new ArrayList<>(tracked.entrySet());
        entries.sort(Comparator.comparingLong(e -> -e.getValue().totalNanos()));
        for (int i = topN; i < entries.size(); i++) {
            FingerprintAccumulator removed = tracked.remove(entries.get(i).getKey());
            if (removed != null) {
                FingerprintStats s = removed.snapshot();
                other.add(s.calls(), s.totalNanos(), s.maxNanos(), s.rows());
            }
        }
    }

    /** Returns the top N fingerprints by total time (highest first) and the folded rest. */
    public QueryStatsSnapshot snapshot() {
        List<FingerprintStats> all = new ArrayList<>();
        for (FingerprintAccumulator acc : tracked.values()) {
            all.add(acc.snapshot());
        }
        all.sort(Comparator.comparingLong(FingerprintStats::totalNanos).reversed());
        FingerprintStats rest = other.snapshot();
        long calls = rest.calls();
        long total = rest.totalNanos();
        long max = rest.maxNanos();
        long rows = rest.rows();
        for (int i = topN; i < all.size(); i++) {
            FingerprintStats s = all.get(i);
            calls += s.calls();
            total += s.totalNanos();
            max = Math.max(max, s.maxNanos());
            rows += s.rows();
        }
        List<FingerprintStats> top = all.subList(0, Math.min(topN, all.size()));
        return new QueryStatsSnapshot(top, new FingerprintStats(FingerprintStats.OTHER, "", calls, total, max, rows));
    }
}
