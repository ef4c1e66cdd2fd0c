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
 *
 * @param callSite the first frame outside the pool and JDBC ({@code class.method(File.java:line)}), or
 *     {@code "(other call sites)"} once the site table is full
 * @param count connections from here returned after the threshold, plus those open beyond it now
 * @param openNow of those, how many are still open
 * @param longestHold the longest hold seen, open ones counted up to now
 */
public record LeakSite(String callSite, long count, long openNow, Duration longestHold) {}
