package dev.perfkit.cache.redis;

/**
 * A snapshot of what the Redis tier of one cache did: second-level hits, misses and failures, decode failures,
 * bytes moved, the invalidation bus's messages, sequence gaps and flush causes, and the cluster single-flight's
 * lock waits and timeouts. perf-metrics binds them.
 *
 * <pre>{@code
 * RedisStats stats = redisCache.stats();
 * long suspicious = stats.sequenceGaps() + stats.unparseableMessages();
 * }</pre>
 */
public final class RedisStats {
    private final long hits;
    private final long misses;
    private final long decodeFailures;
    private final long failures;
    private final long oversized;
    private final long refusedWrites;
    private final long bytesRead;
    private final long bytesWritten;
    private final long sent;
    private final long received;
    private final long publishFailures;
    private final long gaps;
    private final long unparseable;
    private final long resubscribes;
    private final long silences;
    private final long compressed;
    private final long unsubscribed;
    private final long connectFailures;
    private final long pendingInvalidations;
    private final long locksTaken;
    private final long lockWaits;
    private final long lockTimeouts;
    private final long lockFailures;

    RedisStats(RedisCounters c) {
        hits = c.hits.sum();
        misses = c.misses.sum();
        decodeFailures = c.decodeFailures.sum();
        failures = c.failures.sum();
        oversized = c.oversized.sum();
        refusedWrites = c.refusedWrites.sum();
        bytesRead = c.bytesRead.sum();
        bytesWritten = c.bytesWritten.sum();
        sent = c.sent.sum();
        received = c.received.sum();
        publishFailures = c.publishFailures.sum();
        gaps = c.gaps.sum();
        unparseable = c.unparseable.sum();
        resubscribes = c.resubscribes.sum();
        silences = c.silences.sum();
        compressed = c.compressed.sum();
        unsubscribed = c.unsubscribed.sum();
        connectFailures = c.connectFailures.sum();
        pendingInvalidations = c.pendingInvalidations.sum();
        locksTaken = c.locksTaken.sum();
        lockWaits = c.lockWaits.sum();
        lockTimeouts = c.lockTimeouts.sum();
        lockFailures = c.lockFailures.sum();
    }

    /** Second-level reads that found a value. */
    public long hits() {
        return hits;
    }

    /** Second-level reads that found nothing valid (decode failures included). */
    public long misses() {
        return misses;
    }

    /** Stored values that were foreign (another codec or format version) or corrupt, read as misses. */
    public long decodeFailures() {
        return decodeFailures;
    }

    /** Redis commands that failed or timed out (the cache carried on without the second level). */
    public long failures() {
        return failures;
    }

    /** Values not written because their encoding exceeded the configured limit. */
    public long oversizedValues() {
        return oversized;
    }

    /** Write-backs refused by the fence because an invalidation or write came in between. */
    public long refusedWrites() {
        return refusedWrites;
    }

    /** Value bytes read from Redis. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Value bytes written to Redis. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** Invalidation messages published. */
    public long invalidationsSent() {
        return sent;
    }

    /** Invalidation messages received (heartbeats excluded). */
    public long invalidationsReceived() {
        return received;
    }

    /** Invalidation messages and heartbeats that Redis did not accept. */
    public long publishFailures() {
        return publishFailures;
    }

    /** Gaps seen in a sender's sequence (a lost message), each followed by a local flush. */
    public long sequenceGaps() {
        return gaps;
    }

    /** Messages on the channel that did not parse, each followed by a local flush. */
    public long unparseableMessages() {
        return unparseable;
    }

    /** Resubscriptions after a lost connection, each followed by a local flush. */
    public long resubscribes() {
        return resubscribes;
    }

    /** Heartbeat intervals in which this instance did not hear its own heartbeat, each followed by a flush. */
    public long silences() {
        return silences;
    }

    /** Values written deflated (longer than the compression threshold, and smaller deflated). */
    public long compressedValues() {
        return compressed;
    }

    /** Subscriptions the server ended (a Cluster slot moved), each followed by a flush and a resubscription. */
    public long serverUnsubscribes() {
        return unsubscribed;
    }

    /** Attempts to open a connection that failed (Redis down when the cache was built), retried with backoff. */
    public long connectFailures() {
        return connectFailures;
    }

    /** Invalidations and writes that did not reach Redis and were queued for retry (every heartbeat). */
    public long retriedInvalidations() {
        return pendingInvalidations;
    }

    /** Cluster single-flight locks this instance took (each before running the loader or re-reading Redis). */
    public long locksTaken() {
        return locksTaken;
    }

    /** Loads that found another instance holding the key's lock and waited for it. */
    public long lockWaits() {
        return lockWaits;
    }

    /** Waits for another instance's lock that ran out of time, after which this instance loaded locally. */
    public long lockTimeouts() {
        return lockTimeouts;
    }

    /** Lock attempts Redis did not answer (down or late), after which this instance loaded locally. */
    public long lockFailures() {
        return lockFailures;
    }

    @Override
    public String toString() {
        return "RedisStats[hits=" + hits + ", misses=" + misses + ", decodeFailures=" + decodeFailures
                + ", failures=" + failures + ", refusedWrites=" + refusedWrites + ", sent=" + sent + ", received="
                + received + ", gaps=" + gaps + ", unparseable=" + unparseable + ", resubscribes=" + resubscribes
                + ", silences=" + silences + ", compressed=" + compressed + ", unsubscribed=" + unsubscribed
                + ", connectFailures=" + connectFailures + ", locksTaken=" + locksTaken + ", lockWaits=" + lockWaits
                + ", lockTimeouts=" + lockTimeouts + ", lockFailures=" + lockFailures + "]";
    }
}
