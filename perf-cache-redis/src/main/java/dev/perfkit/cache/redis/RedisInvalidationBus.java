package dev.perfkit.cache.redis;

import dev.perfkit.cache.spi.InvalidationBus;
import dev.perfkit.cache.spi.InvalidationMessage;
import dev.perfkit.cache.spi.SecondLevelStore;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * perf-cache's {@link InvalidationBus} over Redis pub/sub: {@code PUBLISH}/{@code SUBSCRIBE} on a standalone or
 * Sentinel-watched server, sharded {@code SPUBLISH}/{@code SSUBSCRIBE} on a Cluster (the channel lives on the node
 * that owns its slot; when the slot moves, the server ends the subscription, the receiver flushes and subscribes on
 * the new owner).
 *
 * <p>Every message carries this endpoint's instance id and its own sequence number (1, 2, 3...), and every
 * heartbeat interval the endpoint publishes a heartbeat with its last sequence number. A receiver calls
 * {@link InvalidationBus.Subscriber#messagesMayBeLost()} (the cache flushes its local tier) when a sender's sequence
 * skips, a heartbeat shows a message it never got, a message does not parse, Lettuce resubscribes after a lost
 * connection, the server ends the subscription, or it has not heard its own heartbeat for 2.5 intervals (its
 * subscription is dead, Redis hangs, or Redis was down when the cache was built and the subscription is not up yet).
 *
 * <p><b>Staleness window.</b> With heartbeat interval {@code h} and command timeout {@code t}, a local read returns a
 * value invalidated on another instance at most {@code 3h + t} after that invalidation returned there (normally
 * within a millisecond, by the message itself). A lost message is found by the sender's next heartbeat, within
 * {@code h + t}; a dead subscription or a hung Redis by the silence check, which runs every {@code h} and fires when
 * the own heartbeat is older than {@code 2.5h}, so within {@code 3h} of the last one heard, and again every {@code h}
 * while the silence lasts. The local TTL is the last safety net, not the mechanism.
 *
 * @param <K> the key type
 */
final class RedisInvalidationBus<K> implements InvalidationBus<K>, AutoCloseable {
    private final RedisTopology redis;
    private final String channel;
    private final Function<? super K, String> keyText;
    private final Function<String, ? extends K> keyOf;
    private final long heartbeatNanos;
    private final Duration timeout;
    private final RedisCounters counters;
    private final String instance = UUID.randomUUID().toString();
    private final ScheduledExecutorService timer;
    private final ScheduledFuture<?> heartbeats;
    private final Set<BusReceiver<K>> receivers = ConcurrentHashMap.newKeySet();
    private long sequence;

    RedisInvalidationBus(
            RedisTopology redis,
            String channel,
            Function<? super K, String> keyText,
            Function<String, ? extends K> keyOf,
            Duration heartbeat,
            Duration timeout,
            RedisCounters counters) {
        this.redis = redis;
        this.channel = channel;
        this.keyText = keyText;
        this.keyOf = keyOf;
        this.heartbeatNanos = heartbeat.toNanos();
        this.timeout = timeout;
        this.counters = counters;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "perfkit-redis-bus-" + channel);
            thread.setDaemon(true);
            return thread;
        });
        this.heartbeats = timer.scheduleAtFixedRate(this::tick, heartbeatNanos, heartbeatNanos, TimeUnit.NANOSECONDS);
    }

    /** Returns this endpoint's instance id, carried by every message it sends. */
    String instance() {
        return instance;
    }

    @Override
    public synchronized void publish(InvalidationMessage<K> message) {
        // Numbered and sent under the lock so the sequence reaches Redis in order; a failed send still uses its
        // number, so receivers see the gap at the next message or heartbeat.
        send(BusFrame.message(instance, ++sequence, message, keyText));
        counters.sent.increment();
    }

    /**
     * True on a standalone server or a Sentinel-watched primary when {@code store} sends through the same
     * connection: Redis applies one connection's commands in order, so this bus's {@code PUBLISH}, sent right behind
     * the store's invalidation, reaches subscribers only after the invalidation took effect. False on a Cluster,
     * where the key and the channel live on different nodes.
     */
    @Override
    public boolean deliversAfter(SecondLevelStore<?, ?> store) {
        return !redis.clustered() && store instanceof RedisSecondLevelStore<?, ?> same && same.sendsThrough(redis);
    }

    /** Publishes {@code text} as it is, for tests that play another producer or a lost message. */
    void publishRaw(String text) {
        send(text);
    }

    /** Consumes a sequence number without sending anything: the message is lost on the way. */
    synchronized void loseNextMessage() {
        sequence++;
    }

    private void send(String text) {
        CompletableFuture<Long> sent;
        try {
            sent = redis.publish(channel, text);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        var unused = sent.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((receivers, error) -> {
            if (error != null) {
                counters.publishFailures.increment();
            }
        });
    }

    private void tick() {
        synchronized (this) {
            send(BusFrame.heartbeat(instance, sequence));
        }
        receivers.forEach(BusReceiver::checkSilence);
    }

    @Override
    public AutoCloseable subscribe(Subscriber<K> subscriber) {
        BusReceiver<K> receiver =
                new BusReceiver<>(subscriber, instance, keyOf, heartbeatNanos, System::nanoTime, counters);
        receivers.add(receiver);
        RedisTopology.Subscription subscription = redis.subscribe(channel, receiver);
        receiver.onRecheck(subscription::recheck);
        return () -> {
            receivers.remove(receiver);
            subscription.close();
        };
    }

    @Override
    public void close() {
        heartbeats.cancel(false);
        timer.shutdownNow();
    }
}
