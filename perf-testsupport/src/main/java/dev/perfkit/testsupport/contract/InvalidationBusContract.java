package dev.perfkit.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.InvalidationKind;
import dev.perfkit.cache.PerfCache;
import dev.perfkit.cache.spi.InvalidationBus;
import dev.perfkit.cache.spi.InvalidationMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tests every {@link InvalidationBus} passes: messages of every kind reach the other instances intact and in
 * order, channels are separate, a closed subscription stops, a failing subscriber does not stop delivery, lost
 * messages are signalled, and, through real caches, a remote invalidation drops the local copy and detaches a load
 * in flight. An implementation's test extends this class.
 *
 * <pre>{@code
 * class RedisInvalidationBusTest extends InvalidationBusContract {
 *     protected InvalidationBus<String> newBus(String channel) {
 *         return new RedisInvalidationBus<>(client, channel, Codecs.utf8());
 *     }
 * }
 * }</pre>
 */
public abstract class InvalidationBusContract {
    private static final long WAIT_SECONDS = 10;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    /**
     * Returns a bus endpoint on {@code channel}; endpoints on the same channel reach each other, endpoints on other
     * channels do not. A test calls it several times with the same channel for several instances.
     */
    protected abstract InvalidationBus<String> newBus(String channel);

    /**
     * Makes {@code bus} lose its connection and recover, after which it must call
     * {@link InvalidationBus.Subscriber#messagesMayBeLost()}. Returns {@code false} if the implementation cannot be
     * made to (the test is then skipped).
     */
    protected abstract boolean interruptDelivery(InvalidationBus<String> bus) throws Exception;

    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    @AfterEach
    void stopThreads() throws Exception {
        threads.shutdownNow();
        for (AutoCloseable subscription : subscriptions) {
            subscription.close();
        }
    }

    private void subscribe(InvalidationBus<String> bus, InvalidationBus.Subscriber<String> subscriber) {
        subscriptions.add(bus.subscribe(subscriber));
    }

    private static final class Recorder implements InvalidationBus.Subscriber<String> {
        final BlockingQueue<InvalidationMessage<String>> messages = new LinkedBlockingQueue<>();
        final CountDownLatch lost = new CountDownLatch(1);

        @Override
        public void onMessage(InvalidationMessage<String> message) {
            messages.add(message);
        }

        @Override
        public void messagesMayBeLost() {
            lost.countDown();
        }

        InvalidationMessage<String> next() throws InterruptedException {
            InvalidationMessage<String> message = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(message).as("a message within %d s", WAIT_SECONDS).isNotNull();
            return message;
        }
    }

    private static String channel() {
        return "contract-" + System.nanoTime();
    }

    @Test
    void messagesOfEveryKindArriveIntactAndInOrder() throws Exception {
        String channel = channel();
        InvalidationBus<String> sender = newBus(channel);
        Recorder recorder = new Recorder();
        subscribe(newBus(channel), recorder);
        {
            List<InvalidationMessage<String>> sent = List.of(
                    InvalidationMessage.key("a", "user:1"),
                    InvalidationMessage.tag("a", "team:7"),
                    InvalidationMessage.namespace("a", "users"),
                    InvalidationMessage.all("a"));
            sent.forEach(sender::publish);
            List<InvalidationMessage<String>> received = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                received.add(recorder.next());
            }
            assertThat(received).containsExactlyElementsOf(sent);
            for (int i = 0; i < 100; i++) {
                sender.publish(InvalidationMessage.key("a", "k" + i));
            }
            for (int i = 0; i < 100; i++) {
                assertThat(recorder.next().key()).isEqualTo("k" + i);
            }
        }
    }

    @Test
    void otherChannelsAndClosedSubscriptionsReceiveNothing() throws Exception {
        String channel = channel();
        Recorder elsewhere = new Recorder();
        Recorder closed = new Recorder();
        Recorder open = new Recorder();
        subscribe(newBus(channel()), elsewhere);
        subscribe(newBus(channel), open);
        {
            newBus(channel).subscribe(closed).close();
            newBus(channel).publish(InvalidationMessage.key("a", "k"));
            assertThat(open.next().key()).isEqualTo("k");
            Thread.sleep(200);
            assertThat(elsewhere.messages).isEmpty();
            assertThat(closed.messages).isEmpty();
        }
    }

    @Test
    void aFailingSubscriberDoesNotStopDelivery() throws Exception {
        String channel = channel();
        Recorder recorder = new Recorder();
        AtomicInteger calls = new AtomicInteger();
        InvalidationBus.Subscriber<String> failing = new InvalidationBus.Subscriber<>() {
            @Override
            public void onMessage(InvalidationMessage<String> message) {
                calls.incrementAndGet();
                throw new IllegalStateException("subscriber broke");
            }

            @Override
            public void messagesMayBeLost() {}
        };
        InvalidationBus<String> bus = newBus(channel);
        subscribe(bus, failing);
        subscribe(newBus(channel), recorder);
        {
            InvalidationBus<String> sender = newBus(channel);
            sender.publish(InvalidationMessage.key("a", "first"));
            sender.publish(InvalidationMessage.key("a", "second"));
            assertThat(recorder.next().key()).isEqualTo("first");
            assertThat(recorder.next().key()).isEqualTo("second");
            eventually(() -> calls.get() == 2);
        }
    }

    @Test
    void aLostConnectionIsSignalled() throws Exception {
        InvalidationBus<String> bus = newBus(channel());
        Recorder recorder = new Recorder();
        subscribe(bus, recorder);
        {
            org.junit.jupiter.api.Assumptions.assumeTrue(interruptDelivery(bus), "cannot interrupt this bus");
            assertThat(recorder.lost.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    private CacheAside<String, String> node(String name, InvalidationBus<String> bus) {
        return PerfCache.<String, String>builder()
                .name(name)
                .executor(Runnable::run)
                .namespaceOf(key -> key.substring(0, key.indexOf(':')))
                .tagsOf(key -> List.of("team:7"))
                .invalidationBus(bus)
                .build();
    }

    @Test
    void aRemoteInvalidationOfEachKindDropsTheLocalCopy() throws Exception {
        String channel = channel();
        CacheAside<String, String> a = node("a", newBus(channel));
        CacheAside<String, String> b = node("b", newBus(channel));
        List<java.util.function.Consumer<CacheAside<String, String>>> kinds = List.of(
                c -> c.invalidate("user:1"),
                c -> c.invalidateTag("team:7"),
                c -> c.invalidateNamespace("user"),
                CacheAside::invalidateAll,
                c -> c.put("user:1", "put-by-a"));
        for (java.util.function.Consumer<CacheAside<String, String>> kind : kinds) {
            b.get("user:1", key -> "b-old");
            kind.accept(a);
            eventually(() -> !"b-old".equals(b.getIfPresent("user:1")));
        }
        assertThat(b.stats().invalidations(InvalidationKind.KEY)).isEqualTo(2);
        a.close();
        b.close();
    }

    @Test
    void aRemoteInvalidationDetachesALoadInFlight() throws Exception {
        String channel = channel();
        CacheAside<String, String> a = node("a", newBus(channel));
        CacheAside<String, String> b = node("b", newBus(channel));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> slow = threads.submit(() -> b.get("user:1", key -> {
            entered.countDown();
            release.await();
            return "old";
        }));
        assertThat(entered.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        a.invalidate("user:1");
        eventually(() -> b.stats().keyInvalidations() == 1);
        release.countDown();
        assertThat(slow.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("old");
        assertThat(b.getIfPresent("user:1")).as("detached, not stored").isNull();
        a.close();
        b.close();
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(WAIT_SECONDS).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline)
                    .as("condition within %d s", WAIT_SECONDS)
                    .isNegative();
            Thread.sleep(10);
        }
    }
}
