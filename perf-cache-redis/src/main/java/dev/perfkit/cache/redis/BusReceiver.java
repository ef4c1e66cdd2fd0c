package dev.perfkit.cache.redis;

import dev.perfkit.cache.spi.InvalidationBus;
import dev.perfkit.cache.spi.InvalidationMessage;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription's receiving side: checks each sender's sequence, delivers invalidations, and tells the subscriber
 * that messages may be lost on a gap, an unparseable message, a resubscription after a lost connection, or a silence
 * (this instance did not hear its own heartbeat in time). Lettuce delivers one connection's messages in order on one
 * thread; {@link #checkSilence} runs on the heartbeat thread, hence the synchronization.
 */
final class BusReceiver<K> extends RedisPubSubAdapter<String, String> {
    private static final Logger LOG = LoggerFactory.getLogger(BusReceiver.class);

    private final InvalidationBus.Subscriber<K> subscriber;
    private final String self;
    private final Function<String, ? extends K> keyOf;
    private final long heartbeatNanos;
    private final LongSupplier clock;
    private final RedisCounters counters;
    private final Map<String, long[]> senders = new HashMap<>(); // sender -> {last sequence, last heard}
    private final long joined;
    private long ownHeartbeatHeard;
    private boolean subscribed;
    private volatile Runnable recheck = () -> {};

    BusReceiver(
            InvalidationBus.Subscriber<K> subscriber,
            String self,
            Function<String, ? extends K> keyOf,
            long heartbeatNanos,
            LongSupplier clock,
            RedisCounters counters) {
        this.subscriber = subscriber;
        this.self = self;
        this.keyOf = keyOf;
        this.heartbeatNanos = heartbeatNanos;
        this.clock = clock;
        this.counters = counters;
        this.joined = clock.getAsLong();
        this.ownHeartbeatHeard = joined;
    }

    /** Sets what re-establishes the subscription after the server ended it or a silence (Cluster only). */
    void onRecheck(Runnable action) {
        this.recheck = action;
    }

    @Override
    public void subscribed(String channel, long count) {
        boolean again;
        boolean late;
        synchronized (this) {
            long now = clock.getAsLong();
            again = subscribed;
            late = !subscribed && now - joined > heartbeatNanos; // Redis was down when this instance started
            subscribed = true;
            ownHeartbeatHeard = now;
        }
        if (again) { // Lettuce resubscribed after a reconnect: whatever was published meanwhile is lost
            counters.resubscribes.increment();
            lost("resubscribed to " + channel + " after a lost connection");
        } else if (late) {
            lost("subscribed to " + channel + " only after Redis came up");
        }
    }

    @Override
    public void ssubscribed(String channel, long count) {
        subscribed(channel, count);
    }

    @Override
    public void sunsubscribed(String channel, long count) {
        // The bus never unsubscribes on its own before closing: the server ended it (its slot moved to another node).
        counters.unsubscribed.increment();
        lost("the server ended the subscription to " + channel + " (its slot moved)");
        recheck.run();
    }

    @Override
    public void smessage(String channel, String text) {
        message(channel, text);
    }

    @Override
    public void message(String channel, String text) {
        BusFrame<K> frame;
        try {
            frame = BusFrame.parse(text, keyOf);
        } catch (RuntimeException e) {
            counters.unparseable.increment();
            lost("an unparseable message on " + channel + " (" + e.getMessage() + ")");
            return;
        }
        if (!inSequence(frame)) {
            counters.gaps.increment();
            lost("a gap in the sequence of sender " + frame.sender + " at " + frame.sequence);
        }
        InvalidationMessage<K> message = frame.message;
        if (message != null) {
            counters.received.increment();
            try {
                subscriber.onMessage(message);
            } catch (RuntimeException e) {
                LOG.warn("invalidation subscriber failed on {}", message, e);
            }
        }
    }

    private synchronized boolean inSequence(BusFrame<K> frame) {
        long now = clock.getAsLong();
        boolean heartbeat = frame.message == null;
        if (heartbeat && frame.sender.equals(self)) {
            ownHeartbeatHeard = now;
        }
        long[] state = senders.get(frame.sender);
        if (state == null) {
            senders.put(frame.sender, new long[] {frame.sequence, now});
            // A sender that existed before this subscription shows itself within the grace by a heartbeat; one
            // first heard later must start at its beginning (sequence 1, or a heartbeat of 0).
            boolean fromStart = frame.sequence == (heartbeat ? 0 : 1);
            return fromStart || now - joined < 2 * heartbeatNanos;
        }
        long last = state[0];
        state[0] = Math.max(last, frame.sequence);
        state[1] = now;
        return heartbeat ? frame.sequence <= last : frame.sequence == last + 1;
    }

    /**
     * Runs every heartbeat: signals a silence (also while the subscription was never established, as when Redis is
     * down), asks for a recheck of the subscription, and forgets senders not heard for five intervals.
     */
    void checkSilence() {
        boolean silent;
        synchronized (this) {
            long now = clock.getAsLong();
            silent = now - ownHeartbeatHeard > 5 * heartbeatNanos / 2;
            senders.values().removeIf(state -> now - state[1] > 5 * heartbeatNanos);
        }
        if (silent) {
            counters.silences.increment();
            lost("no heartbeat of this instance heard for " + (5 * heartbeatNanos / 2_000_000) + " ms");
            recheck.run();
        }
    }

    private void lost(String why) {
        LOG.warn("invalidations may have been lost ({}); flushing the local tier", why);
        try {
            subscriber.messagesMayBeLost();
        } catch (RuntimeException e) {
            LOG.warn("invalidation subscriber failed to flush", e);
        }
    }
}
