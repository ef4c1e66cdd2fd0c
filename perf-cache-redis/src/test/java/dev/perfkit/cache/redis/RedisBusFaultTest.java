package dev.perfkit.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.cache.spi.InvalidationBus;
import dev.perfkit.cache.spi.InvalidationMessage;
import dev.perfkit.testsupport.Redis;
import dev.perfkit.testsupport.RedisProcess;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lost messages and lost subscriptions on a private redis-server: each is signalled, none passes silently. */
class RedisBusFaultTest {
    private static final Duration SLOW = Duration.ofSeconds(30); // heartbeats out of the way
    private static RedisProcess redis;
    private static RedisClient client;
    private static RedisTopology topology;
    private final List<RedisInvalidationBus<String>> buses = new ArrayList<>();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

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
    void close() throws Exception {
        for (AutoCloseable subscription : subscriptions) {
            subscription.close();
        }
        buses.forEach(RedisInvalidationBus::close);
    }

    private static final class Recorder implements InvalidationBus.Subscriber<String> {
        final BlockingQueue<String> keys = new LinkedBlockingQueue<>();
        final Semaphore lost = new Semaphore(0);

        @Override
        public void onMessage(InvalidationMessage<String> message) {
            keys.add(String.valueOf(message.key()));
        }

        @Override
        public void messagesMayBeLost() {
            lost.release();
        }

        String next() throws InterruptedException {
            return String.valueOf(keys.poll(10, TimeUnit.SECONDS));
        }

        boolean lostWithin(Duration wait) throws InterruptedException {
            return lost.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private RedisInvalidationBus<String> bus(String channel, Duration heartbeat, RedisCounters counters) {
        RedisInvalidationBus<String> bus = new RedisInvalidationBus<>(
                topology, channel, key -> key, key -> key, heartbeat, Duration.ofSeconds(2), counters);
        buses.add(bus);
        return bus;
    }

    private Recorder listen(RedisInvalidationBus<String> bus) {
        Recorder recorder = new Recorder();
        subscriptions.add(bus.subscribe(recorder));
        return recorder;
    }

    private static String channel() {
        return "faults-" + System.nanoTime();
    }

    @Test
    void aSkippedSequenceNumberIsSignalledAndOnlyThen() throws Exception {
        String channel = channel();
        RedisInvalidationBus<String> sender = bus(channel, SLOW, new RedisCounters());
        RedisCounters counters = new RedisCounters();
        Recorder receiver = listen(bus(channel, SLOW, counters));
        for (int i = 0; i < 50; i++) {
            sender.publish(InvalidationMessage.key("a", "k" + i));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(receiver.next()).isEqualTo("k" + i);
        }
        assertThat(receiver.lostWithin(Duration.ofMillis(200)))
                .as("no gap, no signal")
                .isFalse();
        sender.loseNextMessage();
        sender.publish(InvalidationMessage.key("a", "after-gap"));
        assertThat(receiver.next()).isEqualTo("after-gap");
        assertThat(receiver.lostWithin(Duration.ofSeconds(5))).isTrue();
        assertThat(counters.snapshot().sequenceGaps()).isEqualTo(1);
    }

    @Test
    void aLostLastMessageIsFoundByTheNextHeartbeat() throws Exception {
        String channel = channel();
        Duration heartbeat = Duration.ofMillis(200);
        RedisInvalidationBus<String> sender = bus(channel, heartbeat, new RedisCounters());
        Recorder receiver = listen(bus(channel, heartbeat, new RedisCounters()));
        sender.publish(InvalidationMessage.key("a", "k"));
        assertThat(receiver.next()).isEqualTo("k");
        assertThat(receiver.lostWithin(heartbeat.multipliedBy(5)))
                .as("heartbeats alone signal nothing")
                .isFalse();
        sender.loseNextMessage(); // the last message before a pause never arrives
        long start = System.nanoTime();
        assertThat(receiver.lostWithin(Duration.ofSeconds(5))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(heartbeat.multipliedBy(3));
    }

    @Test
    void aKilledSubscriptionIsSignalledAndDeliveryResumes() throws Exception {
        String channel = channel();
        RedisInvalidationBus<String> sender = bus(channel, SLOW, new RedisCounters());
        RedisCounters counters = new RedisCounters();
        Recorder receiver = listen(bus(channel, SLOW, counters));
        try (var admin = client.connect()) {
            admin.sync().clientKill(KillArgs.Builder.typePubsub());
        }
        assertThat(receiver.lostWithin(Duration.ofSeconds(10))).isTrue();
        assertThat(counters.snapshot().resubscribes()).isEqualTo(1);
        sender.publish(InvalidationMessage.key("a", "after-reconnect"));
        assertThat(receiver.next()).isEqualTo("after-reconnect");
    }

    @Test
    void anUnparseableMessageIsIgnoredCountedAndSignalled() throws Exception {
        String channel = channel();
        RedisInvalidationBus<String> sender = bus(channel, SLOW, new RedisCounters());
        RedisCounters counters = new RedisCounters();
        Recorder receiver = listen(bus(channel, SLOW, counters));
        for (String garbage : List.of(
                "not json",
                "{\"v\":1}",
                "{\"v\":2,\"i\":\"x\",\"s\":1,\"h\":true}",
                "{\"v\":1,\"i\":\"x\",\"s\":1,\"k\":\"NOPE\",\"o\":\"a\"}")) {
            sender.publishRaw(garbage);
            assertThat(receiver.lostWithin(Duration.ofSeconds(5))).as(garbage).isTrue();
        }
        assertThat(counters.snapshot().unparseableMessages()).isEqualTo(4);
        assertThat(receiver.keys).isEmpty();
    }

    @Test
    void aHungRedisIsSignalledByTheSilenceOfTheOwnHeartbeat() throws Exception {
        Duration heartbeat = Duration.ofMillis(200);
        RedisCounters counters = new RedisCounters();
        Recorder receiver = listen(bus(channel(), heartbeat, counters));
        assertThat(receiver.lostWithin(heartbeat.multipliedBy(5)))
                .as("heard its heartbeats")
                .isFalse();
        try (var admin = client.connect()) {
            admin.sync().clientPause(3_000); // every client's commands, heartbeats included, wait
        }
        assertThat(receiver.lostWithin(Duration.ofSeconds(2))).isTrue();
        assertThat(counters.snapshot().silences()).isPositive();
    }
}
