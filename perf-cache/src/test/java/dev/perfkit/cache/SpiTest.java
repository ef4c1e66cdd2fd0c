package dev.perfkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.cache.spi.EntryScope;
import dev.perfkit.cache.spi.InvalidationMessage;
import dev.perfkit.cache.spi.SecondLevelRead;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpiTest {
    private final InMemorySecondLevel<String, String> shared = new InMemorySecondLevel<>();
    private final InMemoryBus<String> bus = new InMemoryBus<>();
    private final AtomicInteger loads = new AtomicInteger();
    private final CacheAside<String, String> nodeA = node("a");
    private final CacheAside<String, String> nodeB = node("b");

    private CacheAside<String, String> node(String name) {
        return PerfCache.<String, String>builder()
                .name(name)
                .executor(Runnable::run)
                .expireAfterWrite(Duration.ofMinutes(5))
                .namespaceOf(key -> key.substring(0, key.indexOf(':')))
                .secondLevel(shared)
                .invalidationBus(bus)
                .build();
    }

    private String load(String key) {
        loads.incrementAndGet();
        return key.toUpperCase(java.util.Locale.ROOT);
    }

    @Test
    void aValueLoadedOnOneNodeIsReadFromTheSecondLevelOnAnother() {
        assertThat(nodeA.get("u:1", this::load)).isEqualTo("U:1");
        assertThat(shared.data.get("u:1").ttl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(shared.data.get("u:1").namespace()).isEqualTo("u");
        assertThat(nodeB.get("u:1", this::load)).isEqualTo("U:1");
        assertThat(loads).hasValue(1);
    }

    /** A store's writes and invalidations complete with null (CompletableFuture<Void>): that is success. */
    @Test
    void writesAndInvalidationsThatCompleteWithNullAreNotFailures() {
        CacheAside<String, String> node = PerfCache.<String, String>builder()
                .executor(Runnable::run)
                .namespaceOf(key -> key.substring(0, key.indexOf(':')))
                .tagsOf(key -> java.util.List.of("t"))
                .secondLevel(shared)
                .recordStats()
                .build();
        node.get("u:1", this::load);
        node.put("u:2", "two");
        node.invalidate("u:1");
        node.invalidateTag("t");
        node.invalidateNamespace("u");
        node.invalidateAll();
        assertThat(node.stats().secondLevelFailureCount()).isZero();
    }

    @Test
    void invalidationsReachOtherNodesAndTheSecondLevel() {
        nodeA.get("u:1", this::load);
        nodeB.get("u:1", this::load);
        nodeA.invalidate("u:1");
        assertThat(shared.data).doesNotContainKey("u:1");
        assertThat(nodeB.getIfPresent("u:1")).isNull();

        nodeB.put("u:2", "x", List.of("t"));
        nodeA.get("u:2", this::load);
        nodeB.invalidateTag("t");
        assertThat(nodeA.getIfPresent("u:2")).isNull();

        nodeA.get("u:3", this::load);
        nodeB.get("u:3", this::load);
        nodeA.invalidateNamespace("u");
        assertThat(nodeB.getIfPresent("u:3")).isNull();
        assertThat(shared.holds("u:2"))
                .as("tag invalidated in the second level")
                .isFalse();
        assertThat(shared.holds("u:3"))
                .as("namespace invalidated in the second level")
                .isFalse();

        nodeA.get("u:4", this::load);
        nodeB.get("u:4", this::load);
        nodeB.invalidateAll();
        assertThat(nodeA.getIfPresent("u:4")).isNull();
        assertThat(nodeA.stats().invalidations(InvalidationKind.ALL)).isEqualTo(1);
    }

    @Test
    void ownMessagesAreIgnored() {
        nodeA.invalidate("u:1");
        assertThat(bus.published).containsExactly(InvalidationMessage.key("a", "u:1"));
        assertThat(nodeA.stats().invalidations(InvalidationKind.KEY))
                .as("counted once, not again on echo")
                .isEqualTo(1);
        assertThat(nodeB.stats().invalidations(InvalidationKind.KEY)).isEqualTo(1);
    }

    @Test
    void possiblyLostMessagesFlushTheLocalTierOnly() {
        nodeA.get("u:1", this::load);
        bus.reconnected();
        assertThat(nodeA.stats().flushes()).isEqualTo(1);
        assertThat(shared.data).containsKey("u:1");
        shared.data.clear();
        assertThat(nodeA.get("u:1", this::load))
                .as("the local copy was flushed")
                .isEqualTo("U:1");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aFailingSecondLevelDegradesToTheLoader() {
        shared.down = true;
        assertThat(nodeA.get("u:1", this::load)).isEqualTo("U:1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void closeUnsubscribes() {
        assertThat(bus.subscriberCount()).isEqualTo(2);
        nodeA.close();
        assertThat(bus.subscriberCount()).isEqualTo(1);
    }

    @Test
    void messagesCheckThatTheirFieldsFitTheKind() {
        assertThatThrownBy(() -> new InvalidationMessage<>("a", InvalidationKind.KEY, null, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KEY needs a key");
        assertThatThrownBy(() -> new InvalidationMessage<String>("a", InvalidationKind.FLUSH, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InvalidationMessage.tag("a", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("tag");
    }

    @Test
    void secondLevelValuesRejectNullsAndCopyTheirTags() {
        java.util.Set<String> tags = new java.util.HashSet<>(java.util.Set.of("t"));
        SecondLevelRead<String> hit = SecondLevelRead.hit("v", tags, 7);
        tags.add("u");
        assertThat(hit.tags()).containsExactly("t");
        assertThat(hit.version()).isEqualTo(7);
        assertThat(SecondLevelRead.<String>miss(3).value()).isNull();
        assertThatThrownBy(() -> SecondLevelRead.hit(null, java.util.Set.of(), 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("value");
        assertThat(EntryScope.of(null, java.util.Set.of())).isSameAs(EntryScope.none());
        assertThat(EntryScope.of("ns", java.util.Set.of("a")))
                .isEqualTo(EntryScope.of("ns", java.util.Set.of("a")))
                .isNotEqualTo(EntryScope.none());
    }
}
