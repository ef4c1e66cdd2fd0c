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
     * Whether a message published right after {@code store} was asked to invalidate, before it answered, still
     * reaches every other instance only once that invalidation has taken effect: true when the bus and the store
     * send over one ordered connection to one server that applies commands in order (a Redis standalone or
     * Sentinel primary). The cache then publishes without waiting for the store's answer, which saves a round trip
     * of propagation; otherwise it publishes only after the store confirmed, so that an instance that drops its
     * copy on the message never reads the old value back from the store. The default is {@code false}, the safe
     * answer for any bus.
     *
     * @param store the cache's second level
     * @return whether the message may be sent while the store's invalidation is still on its way
     */
    default boolean deliversAfter(SecondLevelStore<?, ?> store) {
        return false;
    }

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
