package dev.perfkit.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.cache.spi.EntryScope;
import dev.perfkit.cache.spi.FencedWrite;
import dev.perfkit.cache.spi.SecondLevelStore;
import dev.perfkit.testsupport.contract.SecondLevelStoreContract;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The SPI contract, seeded stress included, against the real Redis; then the interleavings that only a store with
 * two round trips per write has: an invalidation that lands between them.
 */
class RedisSecondLevelStoreTest extends SecondLevelStoreContract {
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final EntryScope SCOPE = EntryScope.of("ns", Set.of("team:7"));

    @Override
    protected SecondLevelStore<String, String> newStore() {
        return TestRedis.store(new RedisCounters());
    }

    @Test
    void aPutWhoseSecondTripLandsAfterAnInvalidationLeavesNothingStored() throws Exception {
        RedisCounters counters = new RedisCounters();
        RedisSecondLevelStore<String, String> store = TestRedis.store(counters);
        Gate gate = new Gate();
        store.secondTrip = gate;
        CompletableFuture<Void> put = store.put("k", "old", TTL, SCOPE); // its caller gave up waiting, say
        Runnable secondTrip = gate.held();
        store.invalidate("k").get(5, TimeUnit.SECONDS); // returned: no read may see "old" from now on
        secondTrip.run();
        put.get(5, TimeUnit.SECONDS);
        assertThat(store.read("k", SCOPE).get(5, TimeUnit.SECONDS).value()).isNull();
        assertThat(counters.refusedWrites.sum()).isEqualTo(1);
    }

    @Test
    void aPutWithNothingBetweenItsTripsIsStored() throws Exception {
        RedisSecondLevelStore<String, String> store = TestRedis.store(new RedisCounters());
        Gate gate = new Gate();
        store.secondTrip = gate;
        CompletableFuture<Void> put = store.put("k", "new", TTL, SCOPE);
        gate.held().run();
        put.get(5, TimeUnit.SECONDS);
        assertThat(store.read("k", SCOPE).get(5, TimeUnit.SECONDS).value()).isEqualTo("new");
    }

    @Test
    void aWriteBackWhoseSecondTripLandsAfterAnInvalidationIsRefused() throws Exception {
        RedisSecondLevelStore<String, String> store = TestRedis.store(new RedisCounters());
        long version = store.read("k", SCOPE).get(5, TimeUnit.SECONDS).version();
        Gate gate = new Gate();
        store.secondTrip = gate;
        CompletableFuture<Boolean> writeBack = store.putIfVersion("k", "loaded-before", TTL, SCOPE, version);
        Runnable secondTrip = gate.held();
        store.invalidate("k").get(5, TimeUnit.SECONDS);
        secondTrip.run();
        assertThat(writeBack.get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(store.read("k", SCOPE).get(5, TimeUnit.SECONDS).value()).isNull();
    }

    @Test
    void aWriteBackWhoseSecondTripLandsAfterATagInvalidationIsNeverRead() throws Exception {
        RedisSecondLevelStore<String, String> store = TestRedis.store(new RedisCounters());
        long version = store.read("k", SCOPE).get(5, TimeUnit.SECONDS).version();
        Gate gate = new Gate();
        store.secondTrip = gate;
        CompletableFuture<Boolean> writeBack = store.putIfVersion("k", "loaded-before", TTL, SCOPE, version);
        Runnable secondTrip = gate.held(); // the shared sum is read: the tag counter below moves after it
        store.invalidateTag("team:7").get(5, TimeUnit.SECONDS);
        secondTrip.run();
        writeBack.get(5, TimeUnit.SECONDS); // stored or not, it must never be read
        assertThat(store.read("k", SCOPE).get(5, TimeUnit.SECONDS).value()).isNull();
    }

    @Test
    void aBatchedWriteBackStoresEachKeyWhoseFenceHoldsAndRefusesTheOthers() throws Exception {
        RedisCounters counters = new RedisCounters();
        RedisSecondLevelStore<String, String> store = TestRedis.store(counters);
        EntryScope other = EntryScope.of("other", Set.of());
        long v1 = store.read("k1", SCOPE).get(5, TimeUnit.SECONDS).version();
        long v2 = store.read("k2", SCOPE).get(5, TimeUnit.SECONDS).version();
        long v3 = store.read("k3", other).get(5, TimeUnit.SECONDS).version();
        long v4 = store.read("k4", SCOPE).get(5, TimeUnit.SECONDS).version();
        store.invalidate("k2").get(5, TimeUnit.SECONDS); // k2 changed while the batch loaded
        store.invalidateTag("team:7").get(5, TimeUnit.SECONDS); // and so did everything tagged team:7...
        long v1After = store.read("k1", SCOPE).get(5, TimeUnit.SECONDS).version(); // ...but k1 was reloaded since
        Map<String, FencedWrite<String>> writes = new LinkedHashMap<>();
        writes.put("k1", FencedWrite.of("one", TTL, SCOPE, v1After));
        writes.put("k2", FencedWrite.of("two", TTL, SCOPE, v2));
        writes.put("k3", FencedWrite.of("three", TTL, other, v3));
        writes.put("k4", FencedWrite.of("four", TTL, SCOPE, v4));
        assertThat(v1After).isNotEqualTo(v1);
        assertThat(store.putAllIfVersion(writes).get(5, TimeUnit.SECONDS))
                .containsExactlyInAnyOrderEntriesOf(Map.of("k1", true, "k2", false, "k3", true, "k4", false));
        assertThat(store.read("k1", SCOPE).get(5, TimeUnit.SECONDS).value()).isEqualTo("one");
        assertThat(store.read("k2", SCOPE).get(5, TimeUnit.SECONDS).value()).isNull();
        assertThat(store.read("k3", other).get(5, TimeUnit.SECONDS).value()).isEqualTo("three");
        assertThat(store.read("k4", SCOPE).get(5, TimeUnit.SECONDS).value()).isNull();
        assertThat(counters.refusedWrites.sum()).isEqualTo(2);
    }

    @Test
    void aBatchedWriteBackSkipsAnOversizedValue() throws Exception {
        RedisCounters counters = new RedisCounters();
        RedisSecondLevelStore<String, String> store = new RedisSecondLevelStore<>(
                TestRedis.commands(),
                TestRedis.prefix(),
                key -> key,
                RedisCodecs.json(String.class),
                64,
                Duration.ofSeconds(2),
                counters);
        long small = store.read("small", SCOPE).get(5, TimeUnit.SECONDS).version();
        long big = store.read("big", SCOPE).get(5, TimeUnit.SECONDS).version();
        Map<String, FencedWrite<String>> writes = Map.of(
                "small", FencedWrite.of("s", TTL, SCOPE, small),
                "big", FencedWrite.of("x".repeat(200), TTL, SCOPE, big));
        assertThat(store.putAllIfVersion(writes).get(5, TimeUnit.SECONDS))
                .containsExactlyInAnyOrderEntriesOf(Map.of("small", true, "big", false));
        assertThat(counters.oversized.sum()).isEqualTo(1);
        assertThat(store.read("big", SCOPE).get(5, TimeUnit.SECONDS).value()).isNull();
    }

    @Test
    void theFirstReadUnderAFreshPrefixCreatesTheGlobalCounterAndItsVersionFencesTheWriteBack() throws Exception {
        RedisSecondLevelStore<String, String> store = TestRedis.store(new RedisCounters());
        long version = store.read("k", SCOPE).get(5, TimeUnit.SECONDS).version(); // no counter exists yet
        assertThat(store.read("k", SCOPE).get(5, TimeUnit.SECONDS).version()).isEqualTo(version);
        assertThat(version)
                .as("the global counter starts at the server time in microseconds")
                .isGreaterThan(1L << 50);
        assertThat(store.putIfVersion("k", "v", TTL, SCOPE, version).get(5, TimeUnit.SECONDS))
                .isTrue();
        assertThat(store.read("k", SCOPE).get(5, TimeUnit.SECONDS).value()).isEqualTo("v");
    }

    @Test
    void aValueWhoseKeyCounterWasLostReadsAsAMiss() throws Exception {
        // A read is one MGET of the counters and the value; the value names the key counter it was stored under.
        String prefix = TestRedis.prefix();
        RedisSecondLevelStore<String, String> store = TestRedis.store(prefix, new RedisCounters());
        store.put("k", "v", TTL, SCOPE).get(5, TimeUnit.SECONDS); // an explicit put bumps the key counter
        assertThat(store.read("k", SCOPE).get(5, TimeUnit.SECONDS).value()).isEqualTo("v");
        TestRedis.commands().del(new RedisKeys(prefix).keyCounter("k")).get(5, TimeUnit.SECONDS);
        assertThat(store.read("k", SCOPE).get(5, TimeUnit.SECONDS).value())
                .as("stored under a key counter that no longer exists")
                .isNull();
        assertThat(store.readAll(Map.of("k", SCOPE))
                        .get(5, TimeUnit.SECONDS)
                        .get("k")
                        .value())
                .isNull();
    }

    @Test
    void aValueWhoseGlobalCounterWasLostReadsAsAMissAndTheCounterComesBackAboveItsOldValue() throws Exception {
        String prefix = TestRedis.prefix();
        RedisSecondLevelStore<String, String> store = TestRedis.store(prefix, new RedisCounters());
        long before = store.read("k", SCOPE).get(5, TimeUnit.SECONDS).version();
        assertThat(store.putIfVersion("k", "v", TTL, SCOPE, before).get(5, TimeUnit.SECONDS))
                .isTrue();
        TestRedis.commands().del(new RedisKeys(prefix).global()).get(5, TimeUnit.SECONDS);
        var read = store.read("k", SCOPE).get(5, TimeUnit.SECONDS);
        assertThat(read.value())
                .as("stored under a global counter that was lost")
                .isNull();
        assertThat(read.version()).isGreaterThan(before);
        assertThat(store.putIfVersion("k", "w", TTL, SCOPE, before).get(5, TimeUnit.SECONDS))
                .as("a version read before the loss fences nothing in")
                .isFalse();
        assertThat(store.putIfVersion("k", "w", TTL, SCOPE, read.version()).get(5, TimeUnit.SECONDS))
                .isTrue();
        assertThat(store.read("k", SCOPE).get(5, TimeUnit.SECONDS).value()).isEqualTo("w");
    }

    /** An executor that holds each task until the test runs it. */
    private static final class Gate implements Executor {
        private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        Runnable held() throws InterruptedException {
            Runnable task = tasks.poll(5, TimeUnit.SECONDS);
            if (task == null) {
                throw new AssertionError("the first round trip did not answer within 5 s");
            }
            return task;
        }
    }
}
