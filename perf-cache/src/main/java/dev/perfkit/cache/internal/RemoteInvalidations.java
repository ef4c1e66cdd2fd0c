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
  private final DefaultCacheAside<K, ?> cache;

  RemoteInvalidations(String origin, DefaultCacheAside<K, ?> cache) {
    this.origin = origin;
    this.cache = cache;
  }

  @Override
  public void onMessage(InvalidationMessage<K> message) {
    if (message.origin().equals(origin)) {
      return;
    }
    switch (message.kind()) {
      case KEY -> cache.invalidateLocally(Objects.requireNonNull(message.key()), true);
      case TAG -> cache.invalidateTagLocally(Objects.requireNonNull(message.name()), true);
      case NAMESPACE -> cache.invalidateNamespaceLocally(Objects.requireNonNull(message.name()), true);
      case ALL -> cache.invalidateAllLocally(InvalidationKind.ALL, true);
      case FLUSH -> cache.invalidateAllLocally(InvalidationKind.FLUSH, true);
    }
  }

  @Override
  public void messagesMayBeLost() {
    cache.invalidateAllLocally(InvalidationKind.FLUSH, true);
  }
}
