package dev.perfkit.cache.redis;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link RedisStats}, shared by the second level and the bus of one cache. */
final class RedisCounters {
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder decodeFailures = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder oversized = new LongAdder();
    final LongAdder refusedWrites = new LongAdder();
    final LongAdder bytesRead = new LongAdder();
    final LongAdder bytesWritten = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder publishFailures = new LongAdder();
    final LongAdder gaps = new LongAdder();
    final LongAdder unparseable = new LongAdder();
    final LongAdder resubscribes = new LongAdder();
    final LongAdder silences = new LongAdder();
    final LongAdder compressed = new LongAdder();
    final LongAdder unsubscribed = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder pendingInvalidations = new LongAdder();
    final LongAdder locksTaken = new LongAdder();
    final LongAdder lockWaits = new LongAdder();
    final LongAdder lockTimeouts = new LongAdder();
    final LongAdder lockFailures = new LongAdder();

    RedisStats snapshot() {
        return new RedisStats(this);
    }
}
