package dev.perfkit.cache.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis deployment behind one cache, through Lettuce's own client for it: {@link RedisClient} for a standalone
 * server or a Sentinel-watched primary ({@code redis-sentinel://} URIs), {@link RedisClusterClient} for a Cluster
 * (sharded pub/sub on the node that owns the channel's slot). Connections are attempted in the background until
 * Redis answers, so building a cache never fails because Redis is down.
 */
abstract class RedisTopology implements RedisLink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisTopology.class);
    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    final ScheduledExecutorService timer;
    final RedisCounters counters;
    final Duration timeout;

    RedisTopology(String name, RedisCounters counters, Duration timeout) {
        this.counters = counters;
        this.timeout = timeout;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "perfkit-redis-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Publishes on the bus channel; fails at once while not connected. */
    abstract CompletableFuture<Long> publish(String channel, String text);

    @Override
    public abstract void close();

    /** Subscribes {@code listener} to {@code channel}, now if Redis answers, else once it does. Never throws. */
    abstract Subscription subscribe(String channel, RedisPubSubListener<String, String> listener);

    /** One subscription: closed by the bus; told to check itself when it may have gone deaf. */
    interface Subscription extends AutoCloseable {
        /** Re-establishes the subscription if it may be gone (a slot moved, a silence); no-op where Lettuce does it. */
        void recheck();

        @Override
        void close();
    }

    static ClientOptions.Builder options(ClientOptions.Builder builder, Duration timeout) {
        return builder.timeoutOptions(TimeoutOptions.enabled(timeout))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /** Standalone Redis, or a primary found through Sentinel. */
    static final class Standalone extends RedisTopology {
        private final RedisClient client;
        private final RedisURI uri;
        private final Reconnecting<StatefulRedisConnection<String, byte[]>> data;

        Standalone(RedisURI uri, String name, RedisCounters counters, Duration timeout) {
            super(name, counters, timeout);
            this.uri = uri;
            this.client = RedisClient.create();
            client.setOptions(options(ClientOptions.builder(), timeout).build());
            this.data = new Reconnecting<StatefulRedisConnection<String, byte[]>>(
                            "second level",
                            () -> client.connectAsync(CODEC, uri),
                            open -> {},
                            timer,
                            client.getResources().reconnectDelay(),
                            counters)
                    .start(timeout.toMillis() * 4);
        }

        @Override
        public @Nullable RedisClusterAsyncCommands<String, byte[]> commands() {
            StatefulRedisConnection<String, byte[]> open = data.get();
            return open == null ? null : open.async();
        }

        @Override
        public boolean clustered() {
            return false;
        }

        @Override
        CompletableFuture<Long> publish(String channel, String text) {
            StatefulRedisConnection<String, byte[]> open = data.get();
            return open == null
                    ? RedisLink.notConnected()
                    : open.async()
                            .publish(channel, text.getBytes(StandardCharsets.UTF_8))
                            .toCompletableFuture();
        }

        @Override
        Subscription subscribe(String channel, RedisPubSubListener<String, String> listener) {
            Reconnecting<StatefulRedisPubSubConnection<String, String>> pubsub = new Reconnecting<
                            StatefulRedisPubSubConnection<String, String>>(
                            "invalidation bus",
                            () -> client.connectPubSubAsync(StringCodec.UTF8, uri),
                            open -> {
                                open.addListener(listener);
                                var unused = open.async().subscribe(channel);
                            },
                            timer,
                            client.getResources().reconnectDelay(),
                            counters)
                    .start(timeout.toMillis() * 4);
            return new Subscription() {
                @Override
                public void recheck() {} // Lettuce resubscribes after every reconnect

                @Override
                public void close() {
                    pubsub.close();
                }
            };
        }

        @Override
        public void close() {
            timer.shutdownNow();
            data.close();
            shutdownBounded(client);
        }
    }

    /**
     * Shuts the client down and waits at most a few seconds: closing a cache must not hang the application's
     * shutdown (a Cluster client under heavy load was seen waiting minutes for its event loops).
     */
    static void shutdownBounded(AbstractRedisClient client) {
        try {
            client.shutdownAsync(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the Redis client did not shut down within 5 s; leaving its threads to finish on their own", e);
        }
    }

    /** Redis Cluster: keys by slot, sharded pub/sub ({@code SPUBLISH}/{@code SSUBSCRIBE}). */
    static final class Cluster extends RedisTopology {
        private final RedisClusterClient client;
        private final Reconnecting<StatefulRedisClusterConnection<String, byte[]>> data;

        Cluster(List<RedisURI> seeds, String name, RedisCounters counters, Duration timeout) {
            super(name, counters, timeout);
            this.client = RedisClusterClient.create(seeds);
            // Lettuce opens node connections lazily: commands must wait for one (bounded by the timeout), not fail.
            client.setOptions(ClusterClientOptions.builder()
                    .timeoutOptions(TimeoutOptions.enabled(timeout))
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enablePeriodicRefresh(Duration.ofSeconds(5))
                            .build())
                    .build());
            this.data = new Reconnecting<StatefulRedisClusterConnection<String, byte[]>>(
                            "second level",
                            () -> client.refreshPartitionsAsync().thenCompose(done -> client.connectAsync(CODEC)),
                            open -> {},
                            timer,
                            client.getResources().reconnectDelay(),
                            counters)
                    .start(timeout.toMillis() * 4);
        }

        @Override
        public @Nullable RedisClusterAsyncCommands<String, byte[]> commands() {
            StatefulRedisClusterConnection<String, byte[]> open = data.get();
            return open == null ? null : open.async();
        }

        @Override
        public boolean clustered() {
            return true;
        }

        @Override
        CompletableFuture<Long> publish(String channel, String text) {
            StatefulRedisClusterConnection<String, byte[]> open = data.get();
            return open == null
                    ? RedisLink.notConnected()
                    : open.async()
                            .spublish(channel, text.getBytes(StandardCharsets.UTF_8))
                            .toCompletableFuture();
        }

        @Override
        Subscription subscribe(String channel, RedisPubSubListener<String, String> listener) {
            Sharded sharded = new Sharded(channel, listener);
            Reconnecting<StatefulRedisClusterPubSubConnection<String, String>> pubsub = new Reconnecting<
                            StatefulRedisClusterPubSubConnection<String, String>>(
                            "invalidation bus",
                            () -> client.connectPubSubAsync(StringCodec.UTF8),
                            sharded::attach,
                            timer,
                            client.getResources().reconnectDelay(),
                            counters)
                    .start(timeout.toMillis() * 4);
            sharded.pubsub = pubsub;
            return sharded;
        }

        /**
         * A shard channel's subscription, held on a connection to the primary that owns the channel's slot. When the
         * slot moves Redis ends the subscription ({@code sunsubscribe}); the bus then flushes and calls {@link
         * #recheck}, which refreshes the topology and subscribes on the new owner.
         */
        private final class Sharded implements Subscription {
            private final String channel;
            private final RedisPubSubListener<String, String> listener;
            volatile @Nullable Reconnecting<StatefulRedisClusterPubSubConnection<String, String>> pubsub;
            private @Nullable StatefulRedisPubSubConnection<String, String> node;

            Sharded(String channel, RedisPubSubListener<String, String> listener) {
                this.channel = channel;
                this.listener = listener;
            }

            synchronized void attach(StatefulRedisClusterPubSubConnection<String, String> cluster) {
                StatefulRedisPubSubConnection<String, String> old = node;
                if (old != null) {
                    old.removeListener(listener);
                    try {
                        var unused = old.async().sunsubscribe(channel);
                    } catch (RuntimeException e) {
                        LOG.debug("sunsubscribe on the former owner failed", e);
                    }
                }
                RedisClusterNode owner = client.getPartitions().getPartitionBySlot(SlotHash.getSlot(channel));
                if (owner == null) {
                    throw new IllegalStateException("no node owns the slot of " + channel);
                }
                StatefulRedisPubSubConnection<String, String> open = cluster.getConnection(owner.getNodeId());
                open.addListener(listener);
                var unused = open.async().ssubscribe(channel);
                node = open;
            }

            @Override
            public void recheck() {
                try {
                    var unused = timer.schedule(
                            () -> {
                                var current = pubsub;
                                var cluster = current == null ? null : current.get();
                                if (cluster != null) {
                                    try {
                                        client.refreshPartitions();
                                        attach(cluster);
                                    } catch (RuntimeException e) {
                                        LOG.warn("resubscribing to {} failed; retried at the next silence", channel, e);
                                    }
                                }
                            },
                            0,
                            TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // closed
                }
            }

            @Override
            public void close() {
                var current = pubsub;
                if (current != null) {
                    current.close();
                }
            }
        }

        @Override
        public void close() {
            timer.shutdownNow();
            data.close();
            shutdownBounded(client);
        }
    }
}
