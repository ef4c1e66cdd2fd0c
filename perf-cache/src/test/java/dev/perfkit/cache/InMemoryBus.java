package dev.perfkit.cache;

import dev.perfkit.cache.spi.InvalidationBus;
import dev.perfkit.cache.spi.InvalidationMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A bus delivering synchronously to every subscriber, the sender included, and able to signal a reconnect. */
final class InMemoryBus<K> implements InvalidationBus<K> {
    private final List<Subscriber<K>> subscribers = new CopyOnWriteArrayList<>();
    final List<InvalidationMessage<K>> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(InvalidationMessage<K> message) {
        published.add(message);
        subscribers.forEach(subscriber -> subscriber.onMessage(message));
    }

    @Override
    public AutoCloseable subscribe(Subscriber<K> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    void reconnected() {
        subscribers.forEach(Subscriber::messagesMayBeLost);
    }

    int subscriberCount() {
        return subscribers.size();
    }
}
