package dev.perfkit.cache.internal;

import dev.perfkit.cache.BulkLoader;
import dev.perfkit.cache.CacheLoadException;
import dev.perfkit.cache.Loader;
import dev.perfkit.cache.Ticker;
import dev.perfkit.cache.spi.StoredValue;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single-flight loading: at most one load per key at a time, shared by every caller that misses meanwhile, and a
 * result stored only if no invalidation detached its flight (checked under the key's lock in the cache map, the
 * same lock every invalidation takes).
 */
final class Loads<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(Loads.class);

  private final ConcurrentHashMap<K, Flight<V>> inFlight = new ConcurrentHashMap<>();
  private final ConcurrentMap<K, Entry<V>> map;
  private final CacheConfig<K, V> config;
  private final Parts<K, V> parts;
  private final Ticker ticker;
  private final Executor executor;

  Loads(ConcurrentMap<K, Entry<V>> map, CacheConfig<K, V> config, Parts<K, V> parts) {
    this.map = map;
    this.config = config;
    this.parts = parts;
    this.ticker = config.ticker();
    this.executor = config.executor();
  }

  /** The miss path of a synchronous get: joins the key's flight or runs a new one in this thread. */
  @Nullable V load(K key, Loader<? super K, ? extends V> loader) {
    for (;;) {
      Flight<V> flight = inFlight.get(key);
      if (flight != null) {
        if (flight.isJoinable()) {
          return await(key, flight);
        }
        abandon(key, flight);
        continue;
      }
      Flight<V> mine = newFlight(key);
      if (inFlight.putIfAbsent(key, mine) != null) {
        continue;
      }
      Entry<V> stored = alreadyStored(key, mine);
      if (stored != null) {
        return stored.value;
      }
      return run(key, mine, loader);
    }
  }

  /** The miss path of an asynchronous get: joins the key's flight or runs a new one on the executor. */
  CompletableFuture<@Nullable V> loadAsync(K key, Loader<? super K, ? extends V> loader) {
    for (;;) {
      Flight<V> flight = inFlight.get(key);
      if (flight != null) {
        if (flight.isJoinable()) {
          return view(key, flight);
        }
        abandon(key, flight);
        continue;
      }
      Flight<V> mine = newFlight(key);
      if (inFlight.putIfAbsent(key, mine) != null) {
        continue;
      }
      Entry<V> stored = alreadyStored(key, mine);
      if (stored == null) {
        try {
          executor.execute(() -> runQuietly(key, mine, loader));
        } catch (RejectedExecutionException e) {
          fail(key, mine, e);
        }
      }
      return view(key, mine);
    }
  }

  /** Loads the missing keys: joins flights already running, runs one bulk call for the rest. */
  Map<K, V> loadAll(Set<K> missing, BulkLoader<K, ? extends V> loader) {
    Map<K, V> result = new HashMap<>();
    Map<K, Flight<V>> joined = new HashMap<>();
    Map<K, Flight<V>> mine = new LinkedHashMap<>();
    for (K key : missing) {
      for (;;) {
        Flight<V> flight = inFlight.get(key);
        if (flight != null) {
          if (flight.isJoinable()) {
            joined.put(key, flight);
            break;
          }
          abandon(key, flight);
          continue;
        }
        Flight<V> own = newFlight(key);
        if (inFlight.putIfAbsent(key, own) != null) {
          continue;
        }
        Entry<V> stored = alreadyStored(key, own);
        if (stored == null) {
          mine.put(key, own);
        } else if (!stored.absent) {
          result.put(key, stored.value);
        }
        break;
      }
    }
    if (!mine.isEmpty()) {
      runBulk(mine, loader, result);
    }
    joined.forEach((key, flight) -> {
      V value = await(key, flight);
      if (!isAbsent(value)) {
        result.put(key, value);
      }
    });
    return result;
  }

  /**
   * Starts a background reload of a stale entry unless one is running. A reload running for longer than the
   * refresh age is abandoned rather than allowed to block every later refresh (Caffeine issue 175).
   */
  void refresh(K key, Entry<V> stale, Loader<? super K, ? extends V> loader, long now) {
    Flight<V> running = inFlight.get(key);
    if (running != null) {
      if (!running.refresh || now - running.startedAt < config.refreshAfterNanos()) {
        return;
      }
      abandon(key, running);
    }
    Flight<V> mine = new Flight<>(stale.namespace, stale.tags, true, now);
    if (inFlight.putIfAbsent(key, mine) != null) {
      return;
    }
    parts.stats().refreshStarted();
    parts.events().refreshStarted(key);
    try {
      executor.execute(() -> runRefresh(key, mine, stale, loader));
    } catch (RejectedExecutionException e) {
      refreshFailed(key, mine, stale, e);
    }
  }

  /** Detaches the key's flight; the caller holds the key's lock in the cache map. */
  void detachUnderLock(K key) {
    Flight<V> flight = inFlight.get(key);
    if (flight != null) {
      abandon(key, flight);
    }
  }

  /** Detaches this flight if it is still the key's; the caller holds the key's lock in the cache map. */
  void detachUnderLock(K key, Flight<V> flight) {
    abandon(key, flight);
  }

  List<Map.Entry<K, Flight<V>>> inFlight() {
    return List.copyOf(inFlight.entrySet());
  }

  static boolean isAbsent(@Nullable Object value) {
    return value == null || (value instanceof Optional<?> optional && optional.isEmpty());
  }

  private Flight<V> newFlight(K key) {
    return new Flight<>(parts.namespaces().of(key), parts.tags().of(key, List.of()), false, 0L);
  }

  /** Catches a load that stored its value between our miss and our registration; completes our flight. */
  private @Nullable Entry<V> alreadyStored(K key, Flight<V> mine) {
    Entry<V> entry = map.get(key);
    if (entry == null || !entry.isCurrent()) {
      return null;
    }
    inFlight.remove(key, mine);
    mine.future.complete(entry.value);
    return entry;
  }

  private @Nullable V run(K key, Flight<V> flight, Loader<? super K, ? extends V> loader) {
    StoredValue<V> fromSecondLevel = parts.secondTier().get(key);
    if (fromSecondLevel != null) {
      V value = fromSecondLevel.value();
      complete(key, flight, value, parts.tags().merge(flight.tags, fromSecondLevel.tags()), false);
      return value;
    }
    V value;
    try {
      value = callLoader(key, loader);
    } catch (Throwable t) {
      fail(key, flight, t);
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new CacheLoadException(key, t);
    }
    complete(key, flight, value, flight.tags, true);
    return value;
  }

  private void runQuietly(K key, Flight<V> flight, Loader<? super K, ? extends V> loader) {
    try {
      run(key, flight, loader);
    } catch (CacheLoadException alreadyDelivered) {
      // The flight's future carries the failure to every caller.
    }
  }

  private void runRefresh(K key, Flight<V> flight, Entry<V> stale, Loader<? super K, ? extends V> loader) {
    V value;
    try {
      value = callLoader(key, loader);
    } catch (Throwable t) {
      refreshFailed(key, flight, stale, t);
      return;
    }
    complete(key, flight, value, flight.tags, true);
  }

  private void refreshFailed(K key, Flight<V> flight, Entry<V> stale, Throwable error) {
    parts.stats().refreshFailed();
    stale.markFailed(ticker.read());
    parts.events().refreshFailed(key, error);
    fail(key, flight, error);
  }

  private void runBulk(Map<K, Flight<V>> mine, BulkLoader<K, ? extends V> loader, Map<K, V> result) {
    long start = ticker.read();
    Map<K, ? extends V> loaded;
    try {
      loaded = Objects.requireNonNull(loader.loadAll(Collections.unmodifiableSet(mine.keySet())),
          "bulk loader returned null");
    } catch (Throwable t) {
      long took = ticker.read() - start;
      parts.stats().loadFailed(took);
      parts.events().loadFailed(mine.keySet(), took, t);
      mine.forEach((key, flight) -> fail(key, flight, t));
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new CacheLoadException("loading keys " + mine.keySet() + " failed: " + t, t);
    }
    long took = ticker.read() - start;
    parts.stats().loadSucceeded(took);
    parts.events().loadSucceeded(mine.keySet(), took);
    mine.forEach((key, flight) -> {
      V value = loaded.get(key);
      complete(key, flight, value, flight.tags, true);
      if (!isAbsent(value)) {
        result.put(key, value);
      }
    });
  }

  private @Nullable V callLoader(K key, Loader<? super K, ? extends V> loader) throws Exception {
    long start = ticker.read();
    try {
      V value = loader.load(key);
      long took = ticker.read() - start;
      parts.stats().loadSucceeded(took);
      parts.events().loadSucceeded(key, took);
      return value;
    } catch (Throwable t) {
      long took = ticker.read() - start;
      parts.stats().loadFailed(took);
      parts.events().loadFailed(key, took, t);
      throw t;
    }
  }

  /** Stores the result (unless detached), then releases the key and answers the waiting callers. */
  private void complete(K key, Flight<V> flight, @Nullable V value, String[] tags, boolean writeBack) {
    try {
      long now = ticker.read();
      Entry<V> stored = store(key, flight, value, tags, now);
      if (stored != null && writeBack && !stored.absent) {
        parts.secondTier().put(key, Objects.requireNonNull(value), stored, now).thenRun(() -> {
          if (flight.detached) {
            parts.secondTier().invalidate(key); // invalidated while writing back: do not leave it there
          }
        });
      }
    } catch (RuntimeException e) {
      LOG.warn("storing the value of {} failed; returned but not cached", key, e);
    } finally {
      inFlight.remove(key, flight);
      flight.future.complete(value);
    }
  }

  private @Nullable Entry<V> store(K key, Flight<V> flight, @Nullable V value, String[] tags, long now) {
    Entry<V> entry = parts.ttl().newEntry(
        key, value, isAbsent(value), flight.namespace, flight.namespaceEpoch, tags, now);
    boolean indexed = entry != null && entry.tags.length > 0;
    if (indexed) {
      parts.tagIndex().add(key, entry); // before the store, so a concurrent tag invalidation finds it
    }
    boolean[] stored = {false};
    map.compute(key, (k, old) -> {
      if (!flight.mayStore()) {
        return old;
      }
      stored[0] = entry != null;
      return entry;
    });
    if (indexed && !stored[0]) {
      parts.tagIndex().remove(entry);
    }
    return stored[0] ? entry : null;
  }

  private void fail(K key, Flight<V> flight, Throwable error) {
    inFlight.remove(key, flight);
    flight.future.completeExceptionally(error);
  }

  private void abandon(K key, Flight<V> flight) {
    flight.detached = true;
    inFlight.remove(key, flight);
  }

  private @Nullable V await(K key, Flight<V> flight) {
    try {
      return flight.future.get();
    } catch (ExecutionException e) {
      throw new CacheLoadException(key, Objects.requireNonNull(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheLoadException("interrupted while waiting for the load of key " + key, e);
    }
  }

  private CompletableFuture<@Nullable V> view(K key, Flight<V> flight) {
    return flight.future.handle((value, error) -> {
      if (error != null) {
        throw new CompletionException(new CacheLoadException(key, error));
      }
      return value;
    });
  }
}
