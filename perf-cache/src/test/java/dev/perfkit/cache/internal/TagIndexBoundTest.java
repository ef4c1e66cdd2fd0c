package dev.perfkit.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.cache.PerfCache;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TagIndexBoundTest {
    @Test
    void tagsOfEvictedEntriesLeaveTheIndex() {
        DefaultCacheAside<Integer, String> cache =
                (DefaultCacheAside<Integer, String>) PerfCache.<Integer, String>builder()
                        .executor(Runnable::run)
                        .maximumSize(10)
                        .build();
        for (int i = 0; i < 1_000; i++) {
            cache.put(i, "v", List.of("user-chosen-" + i));
        }
        cache.cleanUp();
        assertThat(cache.indexedTagCount()).isLessThanOrEqualTo(10);
    }

    @Test
    void tagsOfExpiredAndInvalidatedEntriesLeaveTheIndex() {
        AtomicLong now = new AtomicLong();
        DefaultCacheAside<Integer, String> cache =
                (DefaultCacheAside<Integer, String>) PerfCache.<Integer, String>builder()
                        .executor(Runnable::run)
                        .ticker(now::get)
                        .expireAfterWrite(Duration.ofSeconds(1))
                        .build();
        for (int i = 0; i < 100; i++) {
            cache.put(i, "v", List.of("t" + i, "shared"));
        }
        cache.invalidateTag("shared");
        cache.cleanUp();
        assertThat(cache.indexedTagCount()).isZero();
        cache.put(1, "v", List.of("t1"));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        cache.cleanUp();
        assertThat(cache.indexedTagCount()).isZero();
    }

    @Test
    void tagsOfEntriesThatFailedToStoreLeaveTheIndex() {
        DefaultCacheAside<Integer, String> cache =
                (DefaultCacheAside<Integer, String>) PerfCache.<Integer, String>builder()
                        .executor(Runnable::run)
                        .maximumWeight(1_000, (key, value) -> {
                            throw new IllegalStateException("weigher broke");
                        })
                        .tagsOf(key -> List.of("t" + key))
                        .build();
        for (int i = 0; i < 1_000; i++) {
            assertThat(cache.get(i, key -> "v" + key)).isEqualTo("v" + i);
        }
        for (int i = 0; i < 100; i++) {
            try {
                cache.put(i, "p", List.of("put-" + i));
            } catch (IllegalStateException expected) {
                // the weigher's failure surfaces to the writer
            }
        }
        assertThat(cache.estimatedSize()).isZero();
        assertThat(cache.indexedTagCount()).isZero();
    }

    @Test
    void jitterUnitStaysInZeroToOne() {
        for (int h = -100_000; h < 100_000; h += 7) {
            assertThat(TtlPolicy.unit(h)).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
        }
        assertThat(TtlPolicy.unit(Integer.MAX_VALUE)).isLessThan(1.0);
    }
}
