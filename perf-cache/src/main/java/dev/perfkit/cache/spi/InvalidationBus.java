package dev.perfkit.cache.spi;

/**
 * Carries invalidations between the instances of one cache (perf-cache-redis provides one over Redis pub/sub).
 *
 * <p>Pub/sub loses messages while a connection is down, and nobody can tell which. So besides delivering
 * messages, an implementation must call {@link Subscriber#messagesMayBeLost()} whenever it cannot vouch that
 * nothing was missed (for example after reconnecting and resubscribing); the cache then flushes its local tier.
 *
 * <pre>{@code
 * CacheAside<Long, User> users = PerfCache.<Long, User>builder()
 *     .invalidationBus(new RedisInvalidationBus<>(client, "users", keyCodec))
 *     .build();
 * }</pre>
 *
 * @param <K> the key type
 */
public interface InvalidationBus<K> {
    /** Sends {@code message} to every subscribed instance, possibly including the sender. */
    void publish(InvalidationMessage<K> message);

    /**
     * Starts delivering messages to {@code subscriber}.
     *
     * @return a handle whose {@code close()} stops delivery
     */
    AutoCloseable subscribe(Subscriber<K> subscriber);

    /**
     * Receives invalidations from other instances.
     *
     * @param <K> the key type
     */
    interface Subscriber<K> {
        /** Called for each message. */
        void onMessage(InvalidationMessage<K> message);

        /** Called when messages may have been lost, for example after a reconnect. */
        void messagesMayBeLost();
    }
}
