package dev.perfkit.cache.redis;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The data connection of the second level: standalone (or through Sentinel) or Cluster, and possibly not there yet
 * when Redis was down as the cache was built.
 */
interface RedisLink {
    /** Returns the commands, or {@code null} while the first connection is still being attempted. */
    @Nullable
    RedisClusterAsyncCommands<String, byte[]> commands();

    /** Whether keys live in slots on several nodes, so multi-key scripts must be split per slot. */
    boolean clustered();

    /** Returns a future failed the way a command fails while there is no connection. */
    static <T> CompletableFuture<T> notConnected() {
        return CompletableFuture.failedFuture(new RedisConnectionException("not connected to Redis (yet)"));
    }

    /** Returns a link over an open connection. */
    static RedisLink of(RedisClusterAsyncCommands<String, byte[]> commands, boolean clustered) {
        return new RedisLink() {
            @Override
            public RedisClusterAsyncCommands<String, byte[]> commands() {
                return commands;
            }

            @Override
            public boolean clustered() {
                return clustered;
            }
        };
    }
}
