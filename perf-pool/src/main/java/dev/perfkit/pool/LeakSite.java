package dev.perfkit.pool;

import java.time.Duration;

/**
 * Connections held beyond the {@link LeakReporter}'s threshold, aggregated for one borrowing call site.
 *
 * <pre>{@code
 * for (LeakSite site : reporter.report()) {
 *   log.warn("{} held {} times too long ({} still open), longest {}", site.callSite(), site.count(),
 *       site.openNow(), site.longestHold());
 * }
 * }</pre>
 */
public final class LeakSite {
    private final String callSite;
    private final long count;
    private final long openNow;
    private final Duration longestHold;

    private LeakSite(String callSite, long count, long openNow, Duration longestHold) {
        this.callSite = callSite;
        this.count = count;
        this.openNow = openNow;
        this.longestHold = longestHold;
    }

    static LeakSite of(String callSite, long count, long openNow, Duration longestHold) {
        return new LeakSite(callSite, count, openNow, longestHold);
    }

    /**
     * The first frame outside the pool and JDBC ({@code class.method(File.java:line)}), or
     * {@code "(other call sites)"} once the site table is full.
     */
    public String callSite() {
        return callSite;
    }

    /** Connections from here returned after the threshold, plus those open beyond it now. */
    public long count() {
        return count;
    }

    /** Of those, how many are still open. */
    public long openNow() {
        return openNow;
    }

    /** The longest hold seen, open ones counted up to now. */
    public Duration longestHold() {
        return longestHold;
    }

    @Override
    public String toString() {
        return "LeakSite[callSite=" + callSite + ", count=" + count + ", openNow=" + openNow + ", longestHold="
                + longestHold + "]";
    }
}
