package dev.perfkit.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import dev.perfkit.cache.AfterCommit;
import dev.perfkit.cache.BulkLoader;
import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.CacheStats;
import dev.perfkit.cache.InvalidationKind;
import dev.perfkit.cache.Loader;
import dev.perfkit.cache.Ticker;
import dev.perfkit.cache.spi.InvalidationBus;
import dev.perfkit.cache.spi.InvalidationMessage;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache-aside implementation: the hit path (one Caffeine lookup, an epoch compare and, only with refresh, one
 * clock read), puts and invalidations. Loads live in {@link Loads}, cross-instance messages in
 * {@link RemoteInvalidations}.
 */
public final class DefaultCacheAside<K, V> implements CacheAside<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultCacheAside.class);

  private final CacheConfig<K, V> config;
  private final Cache<K, Entry<V>> cache;
  private final ConcurrentMap<K, Entry<V>> map;
  private final Parts<K, V> parts;
  private final StatsCounter stats;
  private final Loads<K, V> loads;
  private final Ticker ticker;
  private final boolean checksRefresh;
  private final boolean recordsHits;
  /** Neither refresh nor hit counting: a hit needs no clock read and no counter. */
  private final boolean plainHits;
  private final @Nullable AutoCloseable subscription;

  /**
   * Builds the cache from validated settings; use {@link dev.perfkit.cache.PerfCache#builder()} instead.
   *
   * @param config the settings
   */
  public DefaultCacheAside(CacheConfig<K, V> config) {
    this.config = config;
    this.stats = new StatsCounter();
    this.parts = new Parts<>(new Namespaces<>(config.namespaceOf()), new Tags<>(config.tagsOf()), new TagIndex<>(),
        new TtlPolicy<>(config), stats, new Events(config.listener()), new SecondTier<>(config.secondLevel()));
    this.cache = CaffeineSetup.builder(config, parts).build();
    this.map = cache.asMap();
    this.loads = new Loads<>(map, config, parts);
    this.ticker = config.ticker();
    this.checksRefresh = config.refreshAfterNanos() > 0;
    this.recordsHits = config.recordStats();
    this.plainHits = !checksRefresh && !recordsHits;
    InvalidationBus<K> bus = config.bus();
    this.subscription = bus == null ? null : bus.subscribe(new RemoteInvalidations<>(config.name(), this));
  }

  @Override
  public @Nullable V get(K key, Loader<? super K, ? extends V> loader) {
    Objects.requireNonNull(loader, "loader");
    Entry<V> entry = map.get(Objects.requireNonNull(key, "key"));
    if (entry != null && entry.isCurrent()) {
      if (plainHits) {
        return entry.value; // the common hit: one map lookup and one epoch compare; kept small to inline
      }
      if (!checksRefresh) {
        stats.hit();
        return entry.value;
      }
    }
    return getSlow(key, loader, entry);
  }

  private @Nullable V getSlow(K key, Loader<? super K, ? extends V> loader, @Nullable Entry<V> entry) {
    if (entry != null && entry.isCurrent() && (!checksRefresh || serve(key, entry, loader))) {
      if (recordsHits && !checksRefresh) {
        stats.hit();
      }
      return entry.value;
    }
    if (recordsHits) {
      stats.miss();
    }
    return loads.load(key, loader);
  }

  @Override
  public @Nullable V getIfPresent(K key) {
    Objects.requireNonNull(key, "key");
    Entry<V> entry = map.get(key);
    if (entry != null && entry.isCurrent()) {
      if (recordsHits) {
        stats.hit();
      }
      return entry.value;
    }
    if (recordsHits) {
      stats.miss();
    }
    return null;
  }

  @Override
  public CompletableFuture<@Nullable V> getAsync(K key, Loader<? super K, ? extends V> loader) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(loader, "loader");
    Entry<V> entry = map.get(key);
    if (entry != null && entry.isCurrent() && (!checksRefresh || serve(key, entry, loader))) {
      if (recordsHits && !checksRefresh) {
        stats.hit();
      }
      return CompletableFuture.completedFuture(entry.value);
    }
    if (recordsHits) {
      stats.miss();
    }
    return loads.loadAsync(key, loader);
  }

  @Override
  public Map<K, V> getAll(Collection<? extends K> keys, BulkLoader<K, ? extends V> loader) {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(loader, "loader");
    Map<K, V> result = new HashMap<>();
    Set<K> missing = new LinkedHashSet<>();
    for (K key : keys) {
      Objects.requireNonNull(key, "keys must not contain null");
      Entry<V> entry = map.get(key);
      if (entry != null && entry.isCurrent()) {
        if (recordsHits) {
          stats.hit();
        }
        if (!entry.absent) {
          result.put(key, entry.value);
        }
      } else {
        if (recordsHits) {
          stats.miss();
        }
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      result.putAll(loads.loadAll(missing, loader));
    }
    return result;
  }

  @Override
  public CompletableFuture<Map<K, V>> getAllAsync(Collection<? extends K> keys, BulkLoader<K, ? extends V> loader) {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(loader, "loader");
    List<K> copy = List.copyOf(keys);
    return CompletableFuture.supplyAsync(() -> getAll(copy, loader), config.executor());
  }

  @Override
  public void put(K key, V value) {
    put(key, value, List.of());
  }

  @Override
  public void put(K key, V value, Collection<String> tags) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(tags, "tags");
    String[] all = parts.tags().of(key, tags);
    Namespace namespace = parts.namespaces().of(key);
    long now = ticker.read();
    Entry<V> entry = parts.ttl().newEntry(key, value, Loads.isAbsent(value), namespace, namespace.epoch, all, now);
    if (entry != null && all.length > 0) {
      parts.tagIndex().add(key, entry);
    }
    map.compute(key, (k, old) -> {
      loads.detachUnderLock(k); // a load in flight read older data: it must not overwrite this value
      return entry;
    });
    if (entry != null && !entry.absent) {
      parts.secondTier().put(key, value, entry, now);
    } else {
      parts.secondTier().invalidate(key);
    }
  }

  @Override
  public void invalidate(K key) {
    Objects.requireNonNull(key, "key");
    invalidateLocally(key, false);
    parts.secondTier().invalidate(key);
    publish(InvalidationMessage.key(config.name(), key));
  }

  @Override
  public void invalidateTag(String tag) {
    Objects.requireNonNull(tag, "tag");
    invalidateTagLocally(tag, false);
    parts.secondTier().invalidateTag(tag);
    publish(InvalidationMessage.tag(config.name(), tag));
  }

  @Override
  public void invalidateNamespace(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    invalidateNamespaceLocally(namespace, false);
    parts.secondTier().invalidateNamespace(namespace);
    publish(InvalidationMessage.namespace(config.name(), namespace));
  }

  @Override
  public void invalidateAll() {
    invalidateAllLocally(InvalidationKind.ALL, false);
    parts.secondTier().invalidateAll();
    publish(InvalidationMessage.all(config.name()));
  }

  @Override
  public AfterCommit<K> afterCommit() {
    return new DefaultAfterCommit<>(this);
  }

  @Override
  public CacheStats stats() {
    return stats.snapshot();
  }

  @Override
  public long estimatedSize() {
    return cache.estimatedSize();
  }

  @Override
  public void cleanUp() {
    cache.cleanUp();
  }

  @Override
  public void close() {
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception e) {
        LOG.warn("closing the invalidation bus subscription of {} failed", config.name(), e);
      }
    }
  }

  /** Returns the number of tags in the tag index; for tests of boundedness. */
  int indexedTagCount() {
    return parts.tagIndex().tagCount();
  }

  void invalidateLocally(K key, boolean remote) {
    map.compute(key, (k, old) -> {
      loads.detachUnderLock(k);
      return null;
    });
    parts.stats().invalidated(InvalidationKind.KEY);
    parts.events().invalidated(InvalidationKind.KEY, key, remote);
  }

  void invalidateTagLocally(String tag, boolean remote) {
    for (Map.Entry<K, Flight<V>> running : loads.inFlight()) {
      if (running.getValue().hasTag(tag)) {
        map.compute(running.getKey(), (k, old) -> {
          loads.detachUnderLock(k, running.getValue());
          return old;
        });
      }
    }
    for (Map.Entry<Entry<V>, K> tagged : parts.tagIndex().entries(tag)) {
      map.remove(tagged.getValue(), tagged.getKey());
    }
    parts.stats().invalidated(InvalidationKind.TAG);
    parts.events().invalidated(InvalidationKind.TAG, tag, remote);
  }

  void invalidateNamespaceLocally(String namespace, boolean remote) {
    parts.namespaces().bump(namespace);
    parts.stats().invalidated(InvalidationKind.NAMESPACE);
    parts.events().invalidated(InvalidationKind.NAMESPACE, namespace, remote);
  }

  void invalidateAllLocally(InvalidationKind kind, boolean remote) {
    for (Map.Entry<K, Flight<V>> running : loads.inFlight()) {
      map.compute(running.getKey(), (k, old) -> {
        loads.detachUnderLock(k);
        return null;
      });
    }
    cache.invalidateAll();
    parts.stats().invalidated(kind);
    parts.events().invalidated(kind, "*", remote);
  }

  /** Stale path: serve at once and refresh in the background, unless the stale-if-error window is over. */
  private boolean serve(K key, Entry<V> entry, Loader<? super K, ? extends V> loader) {
    long now = ticker.read();
    if (now < entry.refreshAt) {
      if (recordsHits) {
        stats.hit();
      }
      return true;
    }
    long failedSince = entry.failedSince;
    if (failedSince != Entry.NO_FAILURE && now - failedSince >= config.staleIfErrorNanos()) {
      map.remove(key, entry); // the window is over: a synchronous load lets the failure surface
      return false;
    }
    loads.refresh(key, entry, loader, now);
    if (recordsHits) {
      stats.staleHit();
    }
    return true;
  }

  private void publish(InvalidationMessage<K> message) {
    InvalidationBus<K> bus = config.bus();
    if (bus != null) {
      try {
        bus.publish(message);
      } catch (RuntimeException e) {
        LOG.warn("publishing {} failed; other instances keep their entries until they expire", message, e);
      }
    }
  }
}
