package dev.perfkit.cache.redis;

import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.PerfCache;
import dev.perfkit.cache.spi.ValueCodec;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of perf-cache-redis: a perf-cache {@link CacheAside} with a local Caffeine first level, a Redis
 * second level fenced against stale write-backs, and cross-instance invalidation over Redis pub/sub that flushes the
 * local level whenever a message may have been lost. Standalone Redis only for now.
 *
 * {@snippet class=dev.perfkit.cache.redis.RedisCacheSnippets region=basic}
 *
 * <p>Staleness: a local read returns a value invalidated on another instance at most {@code 3 x heartbeat + timeout}
 * after that invalidation returned (see {@link Builder#heartbeat}). Redis being down never fails a {@code get}: each
 * Redis command waits at most the timeout, then the cache carries on with its local level and the loader.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@SuppressWarnings("InvalidInlineTag") // Error Prone on JDK 17 does not know {@snippet} (javadoc 18+)
public final class RedisCache<K, V> implements AutoCloseable {
    private final CacheAside<K, V> cache;
    private final RedisCounters counters;
    private final RedisInvalidationBus<K> bus;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisClient client;

    private RedisCache(
            CacheAside<K, V> cache,
            RedisCounters counters,
            RedisInvalidationBus<K> bus,
            StatefulRedisConnection<String, byte[]> connection,
            RedisClient client) {
        this.cache = cache;
        this.counters = counters;
        this.bus = bus;
        this.connection = connection;
        this.client = client;
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
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /**
     * Configures a {@link RedisCache}; obtained from {@link RedisCache#builder()}. Each setter checks its value at
     * once; {@link #build()} needs {@link #redis}, {@link #name}, {@link #keys} and {@link #values}.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static final class Builder<K, V> {
        private @Nullable RedisURI uri;
        private @Nullable String name;
        private @Nullable Function<? super K, String> keyText;
        private @Nullable Function<String, ? extends K> keyOf;
        private @Nullable ValueCodec<V> codec;
        private Duration timeout = Duration.ofMillis(250);
        private Duration heartbeat = Duration.ofSeconds(1);
        private int maxValueBytes = 1 << 20;
        private Consumer<PerfCache.Builder<K, V>> local = builder -> {};

        private Builder() {}

        /**
         * Sets the Redis server, for example {@code redis://127.0.0.1:6379}.
         *
         * @throws IllegalArgumentException if {@code uri} is not a Redis URI
         */
        public Builder<K, V> redis(String uri) {
            try {
                this.uri = RedisURI.create(Objects.requireNonNull(uri, "uri"));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("redis must be a URI like redis://host:port, but was " + uri, e);
            }
            return this;
        }

        /**
         * Sets the cache's name: the prefix of its Redis keys and its channel, shared by all its instances.
         *
         * @throws IllegalArgumentException unless 1 to 100 printable ASCII characters without spaces
         */
        public Builder<K, V> name(String name) {
            if (name.isEmpty() || name.length() > 100 || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException(
                        "name must be 1 to 100 printable ASCII characters without spaces, but was '" + name + "'");
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
         * Configures the local level (size, TTL, namespaces, tags...) on perf-cache's own builder. Its name, the
         * second level, its timeout and the bus are set by this builder afterwards: the local name is
         * {@code name@instance-id}, so every instance's messages carry a distinct origin.
         */
        public Builder<K, V> local(Consumer<PerfCache.Builder<K, V>> configure) {
            this.local = Objects.requireNonNull(configure, "configure");
            return this;
        }

        /**
         * Connects to Redis and builds the cache.
         *
         * @throws IllegalStateException if a required setting is missing or Redis cannot be reached now
         */
        public RedisCache<K, V> build() {
            RedisURI redisUri = require(uri, "redis");
            String cacheName = require(name, "name");
            Function<? super K, String> toText = require(keyText, "keys");
            Function<String, ? extends K> fromText = require(keyOf, "keys");
            ValueCodec<V> valueCodec = require(codec, "values");
            RedisClient client = RedisClient.create(redisUri);
            client.setOptions(ClientOptions.builder()
                    .timeoutOptions(TimeoutOptions.enabled(timeout))
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .build());
            try {
                RedisCounters counters = new RedisCounters();
                String prefix = "perfkit:" + cacheName + ":";
                StatefulRedisConnection<String, byte[]> connection =
                        client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                RedisSecondLevelStore<K, V> store = new RedisSecondLevelStore<>(
                        connection.async(), prefix, toText, valueCodec, maxValueBytes, timeout, counters);
                RedisInvalidationBus<K> bus = new RedisInvalidationBus<>(
                        client, prefix + "bus", toText, fromText, heartbeat, timeout, counters);
                PerfCache.Builder<K, V> builder = PerfCache.<K, V>builder();
                local.accept(builder);
                // The local name is the origin of this instance's messages: unique, so others do not skip them.
                CacheAside<K, V> cache = builder.name(cacheName + "@" + bus.instance())
                        .secondLevel(store)
                        .secondLevelTimeout(timeout)
                        .invalidationBus(bus)
                        .build();
                return new RedisCache<>(cache, counters, bus, connection, client);
            } catch (RedisException e) {
                client.shutdown();
                throw new IllegalStateException(
                        "cannot reach Redis at " + redisUri + " to build cache " + cacheName, e);
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
