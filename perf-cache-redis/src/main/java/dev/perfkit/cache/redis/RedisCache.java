package dev.perfkit.cache.redis;

import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.PerfCache;
import dev.perfkit.cache.spi.ValueCodec;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of perf-cache-redis: a perf-cache {@link CacheAside} with a local Caffeine first level, a Redis
 * second level fenced against stale write-backs, and cross-instance invalidation over Redis pub/sub that flushes the
 * local level whenever a message may have been lost. Standalone Redis, a Sentinel-watched primary
 * ({@code redis-sentinel://} URIs) and Redis Cluster ({@link Builder#cluster}), each through Lettuce's own client.
 *
 * {@snippet class=dev.perfkit.cache.redis.RedisCacheSnippets region=basic}
 *
 * <p>Staleness: a local read returns a value invalidated on another instance at most {@code 3 x heartbeat + timeout}
 * after that invalidation returned (see {@link Builder#heartbeat}), whatever happened to the message. Redis being
 * down never fails a {@code get} or {@link Builder#build()}: each Redis command waits at most the timeout, then the
 * cache carries on with its local level and the loader; a cache built while Redis is down connects in the
 * background (Lettuce's reconnect backoff), and its local level is flushed every heartbeat until its subscription
 * is up. An invalidation that could not reach Redis is retried every heartbeat (and before the instance's next
 * read) until Redis takes it, so a second-level read after Redis returns is stale by at most one heartbeat more
 * than the time Redis was unreachable; while it is unreachable, second-level reads fail and the loader answers.
 *
 * <p>Optional cluster-wide single-flight ({@link Builder#clusterSingleFlight}): a Redis lock per missing key, so
 * that N instances missing the same key run the loader once and the others read its value from Redis.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class RedisCache<K, V> implements AutoCloseable {
    private final CacheAside<K, V> cache;
    private final RedisCounters counters;
    private final RedisInvalidationBus<K> bus;
    private final RedisTopology redis;
    /** The second level, for tests that hold back its writes. */
    final RedisSecondLevelStore<K, V> store;

    private RedisCache(
            CacheAside<K, V> cache,
            RedisCounters counters,
            RedisInvalidationBus<K> bus,
            RedisTopology redis,
            RedisSecondLevelStore<K, V> store) {
        this.cache = cache;
        this.counters = counters;
        this.bus = bus;
        this.redis = redis;
        this.store = store;
    }

    /** Whether invalidation messages go out right behind the store's command (standalone, Sentinel) or after it. */
    boolean publishesBehindStore() {
        return bus.deliversAfter(store);
    }

    /**
     * Returns a builder.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static <K, V> Builder<K, V> builder() {
        return new Builder<>();
    }

    /** Returns the cache to read and invalidate through. */
    public CacheAside<K, V> cache() {
        return cache;
    }

    /** Returns what the Redis tier did so far; the local level's figures are in {@code cache().stats()}. */
    public RedisStats stats() {
        return counters.snapshot();
    }

    /** Closes the cache, its subscription and its Redis connections. */
    @Override
    public void close() {
        cache.close();
        bus.close();
        redis.close();
    }

    /**
     * Configures a {@link RedisCache}; obtained from {@link RedisCache#builder()}. Each setter checks its value at
     * once; {@link #build()} needs {@link #redis} or {@link #cluster}, {@link #name}, {@link #keys} and
     * {@link #values}.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static final class Builder<K, V> {
        private @Nullable RedisURI uri;
        private List<RedisURI> seeds = List.of();
        private int compressAbove = Integer.MAX_VALUE;
        private @Nullable String name;
        private @Nullable Function<? super K, String> keyText;
        private @Nullable Function<String, ? extends K> keyOf;
        private @Nullable ValueCodec<V> codec;
        private Duration timeout = Duration.ofMillis(250);
        private Duration heartbeat = Duration.ofSeconds(1);
        private int maxValueBytes = 1 << 20;
        private Consumer<PerfCache.Builder<K, V>> local = builder -> {};
        private @Nullable Duration lockTtl;
        private Duration lockWait = Duration.ZERO;

        private Builder() {}

        /**
         * Sets a standalone Redis server, for example {@code redis://127.0.0.1:6379}, or a primary found through
         * Sentinel, {@code redis-sentinel://host:26379,host2:26379#mymaster}. Replaces {@link #cluster}.
         *
         * @throws IllegalArgumentException if {@code uri} is not a Redis URI
         */
        public Builder<K, V> redis(String uri) {
            this.uri = parse("redis", uri);
            this.seeds = List.of();
            return this;
        }

        /**
         * Sets the seed nodes of a Redis Cluster, for example {@code redis://10.0.0.1:6379}; Lettuce discovers the
         * rest. Values and counters are spread over slots; the invalidation bus uses sharded pub/sub. Replaces
         * {@link #redis}.
         *
         * @throws IllegalArgumentException if there are no seeds or one is not a {@code redis://} URI
         */
        public Builder<K, V> cluster(String... seedUris) {
            if (seedUris.length == 0) {
                throw new IllegalArgumentException("cluster needs at least one seed URI like redis://host:port");
            }
            List<RedisURI> parsed = new ArrayList<>();
            for (String seed : seedUris) {
                RedisURI one = parse("cluster", seed);
                if (!one.getSentinels().isEmpty()) {
                    throw new IllegalArgumentException(
                            "cluster seeds must be redis:// URIs of cluster nodes, but was " + seed);
                }
                parsed.add(one);
            }
            this.seeds = List.copyOf(parsed);
            this.uri = null;
            return this;
        }

        private static RedisURI parse(String setting, @Nullable String text) {
            try {
                return RedisURI.create(Objects.requireNonNull(text, "uri"));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        setting
                                + " must be a URI like redis://host:port or redis-sentinel://host:port#primary, but was "
                                + text,
                        e);
            }
        }

        /**
         * Sets the cache's name: the prefix of its Redis keys and its channel, shared by all its instances.
         *
         * @throws IllegalArgumentException unless 1 to 100 printable ASCII characters without spaces or braces (braces
         *     are Redis Cluster hash tags, which the key layout sets itself)
         */
        public Builder<K, V> name(String name) {
            if (name.isEmpty()
                    || name.length() > 100
                    || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '{' && c != '}')) {
                throw new IllegalArgumentException("name must be 1 to 100 printable ASCII characters without spaces"
                        + " or braces, but was '" + name + "'");
            }
            this.name = name;
            return this;
        }

        /**
         * Sets how keys become text in Redis and in invalidation messages, and back. Keys longer than 200 characters
         * or with characters outside printable ASCII are hashed (SHA-256) into bounded Redis keys.
         */
        public Builder<K, V> keys(Function<? super K, String> toText, Function<String, ? extends K> fromText) {
            this.keyText = Objects.requireNonNull(toText, "toText");
            this.keyOf = Objects.requireNonNull(fromText, "fromText");
            return this;
        }

        /** Sets the codec of values, for example {@link RedisCodecs#json(Class)}. */
        public Builder<K, V> values(ValueCodec<V> codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Sets the longest a Redis command may take before the cache carries on without it; default 250 ms.
         *
         * @throws IllegalArgumentException unless between 1 ms and 1 minute
         */
        public Builder<K, V> timeout(Duration timeout) {
            if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("timeout must be between 1 ms and 1 minute, but was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets the heartbeat interval {@code h} of the invalidation bus; default 1 s. A local read is stale by at
         * most {@code 3h} plus the timeout after an invalidation on another instance returned, even if the message
         * was lost or the subscription died.
         *
         * @throws IllegalArgumentException unless between 10 ms and 1 minute
         */
        public Builder<K, V> heartbeat(Duration interval) {
            if (interval.compareTo(Duration.ofMillis(10)) < 0 || interval.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("heartbeat must be between 10 ms and 1 minute, but was " + interval);
            }
            this.heartbeat = interval;
            return this;
        }

        /**
         * Sets the largest encoded value written to Redis (larger ones stay local, counted); default 1 MiB.
         *
         * @throws IllegalArgumentException if {@code bytes} is not positive
         */
        public Builder<K, V> maxValueBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxValueBytes must be positive, but was " + bytes);
            }
            this.maxValueBytes = bytes;
            return this;
        }

        /**
         * Deflates values whose encoding is longer than {@code bytes} before writing them (only when that makes them
         * smaller; the value header says so); off by default. The size limit applies to the stored bytes.
         *
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder<K, V> compressAbove(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("compressAbove must be at least 0 bytes, but was " + bytes);
            }
            this.compressAbove = bytes;
            return this;
        }

        /**
         * Turns on cluster-wide single-flight: of the instances that miss the same key at once, one runs the loader
         * and the others wait for it and read its value from Redis. Off by default.
         *
         * {@snippet class=dev.perfkit.cache.redis.RedisCacheSnippets region=singleFlight}
         *
         * <p>On a miss in both levels, {@code get} and {@code getAsync} take the key's lock in Redis
         * ({@code SET ... NX PX lockTtl} with a random token) before calling the loader. An instance that finds the
         * lock taken retries it with a backoff (1 ms doubling to 32 ms) for at most {@code maxWait}; once it has the
         * lock it reads Redis again and returns the holder's value, or loads itself if there is none. After
         * {@code maxWait}, or at once when Redis does not answer, it loads locally. The holder releases the lock
         * (a compare-and-delete on its token, so nobody else's lock is freed) when its write-back answered, or when
         * its load failed or stored nothing. A holder that dies leaves its lock to expire after {@code lockTtl}.
         * Loads under the lock are written back through the same version fence as any other: the lock only changes
         * how often the loader runs. {@code getAll} takes no lock. {@link RedisStats#lockWaits()},
         * {@link RedisStats#lockTimeouts()} and {@link RedisStats#lockFailures()} count what happened.
         *
         * @param lockTtl how long a lock lives without release; set it above the slowest load, or another instance
         *     will start loading while the holder still is
         * @param maxWait how long a get waits for another instance's load before loading itself (it blocks the
         *     calling thread, or an executor thread for {@code getAsync}, that long at most)
         * @throws IllegalArgumentException unless {@code lockTtl} is between 10 ms and 10 minutes and
         *     {@code maxWait} between 0 and 10 minutes
         */
        public Builder<K, V> clusterSingleFlight(Duration lockTtl, Duration maxWait) {
            if (lockTtl.compareTo(Duration.ofMillis(10)) < 0 || lockTtl.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException(
                        "clusterSingleFlight lockTtl must be between 10 ms and 10 minutes, but was " + lockTtl);
            }
            if (maxWait.isNegative() || maxWait.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException(
                        "clusterSingleFlight maxWait must be between 0 and 10 minutes, but was " + maxWait);
            }
            this.lockTtl = lockTtl;
            this.lockWait = maxWait;
            return this;
        }

        /**
         * Configures the local level (size, TTL, namespaces, tags...) on perf-cache's own builder. Its name, the
         * second level, its timeout and the bus are set by this builder afterwards: the local name is
         * {@code name@instance-id}, so every instance's messages carry a distinct origin.
         */
        public Builder<K, V> local(Consumer<PerfCache.Builder<K, V>> configure) {
            this.local = Objects.requireNonNull(configure, "configure");
            return this;
        }

        /**
         * Builds the cache and connects to Redis. Redis being down does not fail the build: the cache works from its
         * local level and the loader, and connects in the background.
         *
         * @throws IllegalStateException if a required setting is missing
         */
        public RedisCache<K, V> build() {
            RedisURI standalone = uri;
            if (standalone == null && seeds.isEmpty()) {
                throw new IllegalStateException("redis(...) or cluster(...) is required before build()");
            }
            String cacheName = require(name, "name");
            Function<? super K, String> toText = require(keyText, "keys");
            Function<String, ? extends K> fromText = require(keyOf, "keys");
            ValueCodec<V> valueCodec = require(codec, "values");
            RedisCounters counters = new RedisCounters();
            RedisTopology redis = standalone != null
                    ? new RedisTopology.Standalone(standalone, cacheName, counters, timeout)
                    : new RedisTopology.Cluster(seeds, cacheName, counters, timeout);
            String prefix = "perfkit:" + cacheName + ":";
            RedisKeys layout = new RedisKeys(prefix);
            RedisSecondLevelStore<K, V> store = new RedisSecondLevelStore<>(
                    redis, prefix, toText, valueCodec, maxValueBytes, compressAbove, timeout, counters);
            RedisInvalidationBus<K> bus =
                    new RedisInvalidationBus<>(redis, layout.channel(), toText, fromText, heartbeat, timeout, counters);
            try {
                PerfCache.Builder<K, V> builder = PerfCache.<K, V>builder();
                local.accept(builder);
                // The local name is the origin of this instance's messages: unique, so others do not skip them.
                CacheAside<K, V> cache = builder.name(cacheName + "@" + bus.instance())
                        .secondLevel(store)
                        .secondLevelTimeout(timeout)
                        .invalidationBus(bus)
                        .build();
                var unused = redis.timer.scheduleWithFixedDelay(
                        store::retryPending, heartbeat.toNanos(), heartbeat.toNanos(), TimeUnit.NANOSECONDS);
                Duration ttl = lockTtl;
                if (ttl != null) {
                    ClusterSingleFlight<K, V> flight = new ClusterSingleFlight<>(
                            redis, layout, toText, store, ttl, lockWait, timeout, redis.timer, counters);
                    store.singleFlight = flight;
                    cache = new SingleFlightCache<>(cache, flight);
                }
                return new RedisCache<>(cache, counters, bus, redis, store);
            } catch (RuntimeException e) {
                bus.close();
                redis.close();
                throw e;
            }
        }

        private static <T> T require(@Nullable T value, String setting) {
            if (value == null) {
                throw new IllegalStateException(setting + "(...) is required before build()");
            }
            return value;
        }
    }
}
