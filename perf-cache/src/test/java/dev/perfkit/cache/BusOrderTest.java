package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.cache.spi.InvalidationBus;
import dev.perfkit.cache.spi.InvalidationMessage;
import dev.perfkit.cache.spi.SecondLevelStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * When the invalidation message goes out relative to the second level's invalidation: after its answer for any bus,
 * right behind its command (before the answer) for a bus that delivers after the store, and in both cases even when
 * the store fails or throws. The local tier is dropped only after the store answered.
 */
class BusOrderTest {
    private final List<String> log = new CopyOnWriteArrayList<>();
    private volatile String failure = "none";

    /** A second level whose invalidations answer 50 ms after they were sent, from another thread. */
    private final class SlowStore extends InMemorySecondLevel<String, String> {
        private CompletableFuture<Void> answerLater(String what, CompletableFuture<Void> applied) {
            if (failure.equals("throws")) {
                log.add("threw " + what);
                throw new IllegalStateException("store down");
            }
            log.add("sent " + what);
            CompletableFuture<Void> answer = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> {
                log.add("answered " + what);
                if (failure.equals("fails")) {
                    answer.completeExceptionally(new IllegalStateException("store failed"));
                } else {
                    applied.whenComplete((done, error) -> answer.complete(null));
                }
            });
            return answer;
        }

        @Override
        public CompletableFuture<Void> invalidate(String key) {
            return answerLater("key", super.invalidate(key));
        }

        @Override
        public synchronized CompletableFuture<Void> invalidateTag(String tag) {
            return answerLater("tag", super.invalidateTag(tag));
        }

        @Override
        public synchronized CompletableFuture<Void> invalidateNamespace(String namespace) {
            return answerLater("namespace", super.invalidateNamespace(namespace));
        }

        @Override
        public synchronized CompletableFuture<Void> invalidateAll() {
            return answerLater("all", super.invalidateAll());
        }
    }

    private final class LoggingBus implements InvalidationBus<String> {
        private final boolean deliversAfter;

        LoggingBus(boolean deliversAfter) {
            this.deliversAfter = deliversAfter;
        }

        @Override
        public void publish(InvalidationMessage<String> message) {
            log.add("published " + message.kind().name().toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public AutoCloseable subscribe(Subscriber<String> subscriber) {
            return () -> {};
        }

        @Override
        public boolean deliversAfter(SecondLevelStore<?, ?> store) {
            return deliversAfter;
        }
    }

    private CacheAside<String, String> cache(boolean deliversAfter) {
        return PerfCache.<String, String>builder()
                .name("order")
                .expireAfterWrite(Duration.ofMinutes(5))
                .namespaceOf(key -> key.substring(0, key.indexOf(':')))
                .secondLevel(new SlowStore())
                .secondLevelTimeout(Duration.ofSeconds(5))
                .invalidationBus(new LoggingBus(deliversAfter))
                .build();
    }

    private static Consumer<CacheAside<String, String>> invalidation(String kind) {
        return switch (kind) {
            case "key" -> cache -> cache.invalidate("ns:1");
            case "tag" -> cache -> cache.invalidateTag("team:7");
            case "namespace" -> cache -> cache.invalidateNamespace("ns");
            default -> CacheAside::invalidateAll;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"key", "tag", "namespace", "all"})
    void anyBusHearsOfAnInvalidationOnlyAfterTheStoreAnswered(String kind) {
        invalidation(kind).accept(cache(false));
        assertThat(log).containsExactly("sent " + kind, "answered " + kind, "published " + kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"key", "tag", "namespace", "all"})
    void aBusThatDeliversAfterTheStoreSendsRightBehindItsCommand(String kind) {
        invalidation(kind).accept(cache(true));
        assertThat(log).containsExactly("sent " + kind, "published " + kind, "answered " + kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fails", "throws"})
    void theMessageGoesOutEvenWhenTheStoreFailsOrThrows(String how) {
        failure = how;
        for (boolean deliversAfter : new boolean[] {false, true}) {
            log.clear();
            CacheAside<String, String> cache = cache(deliversAfter);
            assertThat(cache.get("ns:1", key -> "v1")).isEqualTo("v1");
            invalidation("key").accept(cache);
            assertThat(log).as("deliversAfter=" + deliversAfter).contains("published key");
            assertThat(cache.getIfPresent("ns:1")).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theLocalCopyIsDroppedOnlyOnceTheStoreAnswered(boolean deliversAfter) {
        CacheAside<String, String> cache = cache(deliversAfter);
        assertThat(cache.get("ns:1", key -> "v1")).isEqualTo("v1");
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> cache.invalidate("ns:1"));
        while (!log.contains("sent key")) {
            Thread.onSpinWait();
        }
        if (!log.contains("answered key")) {
            assertThat(cache.getIfPresent("ns:1"))
                    .as("local copy while the store has not answered")
                    .isEqualTo("v1");
        }
        running.join();
        assertThat(cache.getIfPresent("ns:1")).isNull();
    }
}
