package dev.perfkit.cache.internal;

import dev.perfkit.cache.InvalidationKind;
import dev.perfkit.cache.spi.InvalidationBus;
import dev.perfkit.cache.spi.InvalidationMessage;
import java.util.Objects;

/**
 * Applies invalidations from other instances to the local tier only (the sender already handled the second
 * level), skips this instance's own messages, and flushes the local tier when messages may have been lost.
 */
final class RemoteInvalidations<K> implements InvalidationBus.Subscriber<K> {
    private final String origin;
    private final Invalidations<K, ?> cache;

    RemoteInvalidations(String origin, Invalidations<K, ?> cache) {
        this.origin = origin;
        this.cache = cache;
    }

    @Override
    public void onMessage(InvalidationMessage<K> message) {
        if (message.origin().equals(origin)) {
            return;
        }
        switch (message.kind()) {
            case KEY -> cache.keyLocally(Objects.requireNonNull(message.key()), true);
            case TAG -> cache.tagLocally(Objects.requireNonNull(message.name()), true);
            case NAMESPACE -> cache.namespaceLocally(Objects.requireNonNull(message.name()), true);
            case ALL -> cache.allLocally(InvalidationKind.ALL, true);
            case FLUSH -> cache.allLocally(InvalidationKind.FLUSH, true);
        }
    }

    @Override
    public void messagesMayBeLost() {
        cache.allLocally(InvalidationKind.FLUSH, true);
    }
}
