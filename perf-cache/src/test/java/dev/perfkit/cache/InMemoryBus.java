package dev.perfkit.cache;

import dev.perfkit.cache.spi.InvalidationBus;
import dev.perfkit.cache.spi.InvalidationMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-process bus delivering synchronously to every subscriber, the sender included, and able to signal a reconnect. */
public final class InMemoryBus<K> implements InvalidationBus<K> {
    private final List<Subscriber<K>> subscribers = new CopyOnWriteArrayList<>();
    public final List<InvalidationMessage<K>> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(InvalidationMessage<K> message) {
        published.add(message);
        for (Subscriber<K> subscriber : subscribers) {
            try {
                subscriber.onMessage(message);
            } catch (RuntimeException e) {
                // one failing subscriber must not keep the message from the others, as on a real bus
            }
        }
    }

    @Override
    public AutoCloseable subscribe(Subscriber<K> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void reconnected() {
        subscribers.forEach(Subscriber::messagesMayBeLost);
    }

    public int subscriberCount() {
        return subscribers.size();
    }
}
