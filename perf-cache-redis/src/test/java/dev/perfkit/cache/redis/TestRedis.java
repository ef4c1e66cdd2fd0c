package dev.perfkit.cache.redis;

import dev.perfkit.testsupport.Redis;
import dev.perfkit.testsupport.RedisServer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.UUID;

/** One Lettuce client per test JVM on the shared Redis, and a fresh key prefix per store. */
final class TestRedis {
    private static final RedisClient CLIENT = client(Redis.shared());
    private static final RedisAsyncCommands<String, byte[]> COMMANDS = CLIENT.connect(
                    RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE))
            .async();

    private TestRedis() {}

    static RedisClient client(RedisServer server) {
        RedisClient client = RedisClient.create(server.uri());
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .build());
        return client;
    }

    /** A standalone topology on {@code server}, connected before it returns; close it when done. */
    static RedisTopology topology(RedisServer server) {
        return new RedisTopology.Standalone(
                RedisURI.create(server.uri()), "test", new RedisCounters(), Duration.ofSeconds(2));
    }

    static RedisClient shared() {
        return CLIENT;
    }

    static RedisAsyncCommands<String, byte[]> commands() {
        return COMMANDS;
    }

    static String prefix() {
        return "perfkit-test:" + UUID.randomUUID() + ":";
    }

    static RedisSecondLevelStore<String, String> store(RedisCounters counters) {
        return store(prefix(), counters);
    }

    /** A store of JSON strings under {@code prefix} (values up to 1 MiB, 2 s timeouts). */
    static RedisSecondLevelStore<String, String> store(String prefix, RedisCounters counters) {
        return new RedisSecondLevelStore<>(
                COMMANDS, prefix, key -> key, RedisCodecs.json(String.class), 1 << 20, Duration.ofSeconds(2), counters);
    }
}
