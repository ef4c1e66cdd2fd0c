package dev.perfkit.testsupport.contract;

import dev.perfkit.cache.spi.InvalidationBus;
import dev.perfkit.cache.spi.InvalidationMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bus that delivers in the publishing thread, before publish returns, so the second-level stress test can hold
 * several instances to the promise at once: the bus under test is {@link InvalidationBusContract}'s business.
 */
final class DirectBus<K> implements InvalidationBus<K> {
    private final List<Subscriber<K>> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public void publish(InvalidationMessage<K> message) {
        subscribers.forEach(subscriber -> subscriber.onMessage(message));
    }

    @Override
    public AutoCloseable subscribe(Subscriber<K> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }
}
