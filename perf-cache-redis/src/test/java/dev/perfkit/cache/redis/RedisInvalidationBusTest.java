package dev.perfkit.cache.redis;

import dev.perfkit.cache.spi.InvalidationBus;
import dev.perfkit.testsupport.Redis;
import dev.perfkit.testsupport.RedisProcess;
import dev.perfkit.testsupport.contract.InvalidationBusContract;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The SPI contract on a private redis-server (so {@code CLIENT KILL TYPE pubsub} hits nobody else's connections).
 */
class RedisInvalidationBusTest extends InvalidationBusContract {
    private static RedisProcess redis;
    private static RedisClient client;
    private static RedisTopology topology;
    private final List<RedisInvalidationBus<String>> buses = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = Redis.startPrivate();
        client = TestRedis.client(redis);
        topology = TestRedis.topology(redis);
    }

    @AfterAll
    static void stopRedis() {
        topology.close();
        client.shutdown();
        redis.close();
    }

    @AfterEach
    void closeBuses() {
        buses.forEach(RedisInvalidationBus::close);
    }

    static RedisInvalidationBus<String> bus(RedisTopology topology, String channel, Duration heartbeat) {
        return new RedisInvalidationBus<>(
                topology, channel, key -> key, key -> key, heartbeat, Duration.ofSeconds(2), new RedisCounters());
    }

    @Override
    protected InvalidationBus<String> newBus(String channel) {
        RedisInvalidationBus<String> bus = bus(topology, channel, Duration.ofMillis(200));
        buses.add(bus);
        return bus;
    }

    @Override
    protected boolean interruptDelivery(InvalidationBus<String> bus) {
        try (var connection = client.connect()) {
            connection.sync().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());
        }
        return true;
    }
}
