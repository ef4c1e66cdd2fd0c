package dev.perfkit.benchmarks.redis;

import dev.perfkit.benchmarks.redis.RedisBench.Row;
import org.redisson.Redisson;
import org.redisson.api.RLocalCachedMap;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.LocalCachedMapOptions;
import org.redisson.codec.TypedJsonJacksonCodec;
import org.redisson.config.Config;

/**
 * The Redisson baselines of the Redis benchmarks: an {@link RLocalCachedMap} (Redisson's near cache, a local map in
 * front of a Redis hash, kept in sync by invalidation messages) with a JSON codec bound to {@link Row}, as
 * perfkit's is. Reconnection strategy {@code CLEAR} (the default {@code NONE} never drops what a lost message
 * would have invalidated), sync strategy {@code INVALIDATE} (the default).
 */
final class RedissonBench {
    private RedissonBench() {}

    static RedissonClient client() {
        Config config = new Config();
        config.useSingleServer().setAddress(RedisBench.uri());
        return Redisson.create(config);
    }

    /** A map named {@code name} whose local level holds {@code localSize} entries (LRU). */
    static RLocalCachedMap<Long, Row> map(RedissonClient client, String name, int localSize) {
        return client.getLocalCachedMap(LocalCachedMapOptions.<Long, Row>name(name)
                .codec(new TypedJsonJacksonCodec(Long.class, Row.class))
                .cacheSize(localSize)
                .evictionPolicy(LocalCachedMapOptions.EvictionPolicy.LRU)
                .reconnectionStrategy(LocalCachedMapOptions.ReconnectionStrategy.CLEAR)
                .syncStrategy(LocalCachedMapOptions.SyncStrategy.INVALIDATE));
    }
}
