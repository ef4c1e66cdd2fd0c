package dev.perfkit.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedTagsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void manyThreadsWithRandomValuesNeverAdmitMoreThanTheLimitAndCountEachFoldedValueOnce() throws Exception {
        BoundedTags tags = new BoundedTags(registry, "m", 20);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<?>[] workers = new Future<?>[8];
            for (int w = 0; w < workers.length; w++) {
                long seed = 42 + w;
                workers[w] = pool.submit(() -> {
                    Random random = new Random(seed);
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        String value = "v" + random.nextInt(500);
                        seen.add(value);
                        String tag = tags.of(value);
                        answered.add(tag);
                        // invariant: a value is either its own tag or other, and an admitted value stays admitted
                        assertThat(tag).isIn(value, BoundedTags.OTHER);
                        if (tag.equals(value)) {
                            assertThat(tags.isAdmitted(value)).isTrue();
                        }
                    }
                    return null;
                });
            }
            start.countDown();
            for (Future<?> f : workers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(tags.size()).isEqualTo(20);
        assertThat(answered).hasSize(21); // 20 values and other
        double folded =
                registry.get("perfkit.metrics.tag.values.folded").counter().count();
        assertThat(folded).isEqualTo(seen.size() - 20);
    }

    @Test
    void anAdmittedValueKeepsItsTagAfterTheLimitIsReached() {
        BoundedTags tags = new BoundedTags(registry, "m", 2);
        assertThat(tags.of("a")).isEqualTo("a");
        assertThat(tags.of("b")).isEqualTo("b");
        assertThat(tags.of("c")).isEqualTo("other");
        assertThat(tags.of("a")).isEqualTo("a");
        assertThat(tags.of("c")).isEqualTo("other");
        assertThat(registry.get("perfkit.metrics.tag.values.folded").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aLimitOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> new BoundedTags(registry, "m", 0))
                .hasMessage("tag value limit must be 1 to 10000, but was 0");
    }
}
