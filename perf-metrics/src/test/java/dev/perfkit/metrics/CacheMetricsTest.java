package dev.perfkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.CacheLoadException;
import dev.perfkit.cache.PerfCache;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CacheMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    @Test
    void getsLoadsAndInvalidationsOfARealCacheBecomeMeters() {
        try (CacheAside<Long, String> cache =
                PerfCache.<Long, String>builder().maximumSize(100).recordStats().build()) {
            CacheMetrics.of("users", cache).bindTo(registry);
            cache.get(1L, id -> "ada");
            cache.get(1L, id -> "never");
            cache.get(1L, id -> "never");
            assertThatThrownBy(() -> cache.get(2L, id -> {
                        throw new IllegalStateException("db down");
                    }))
                    .isInstanceOf(CacheLoadException.class);
            cache.invalidate(1L);
            cache.invalidateTag("team-7");
            cache.invalidateAll();

            assertThat(count("perfkit.cache.gets", "cache", "users", "result", "hit"))
                    .isEqualTo(2);
            assertThat(count("perfkit.cache.gets", "cache", "users", "result", "miss"))
                    .isEqualTo(2);
            assertThat(count("perfkit.cache.loads", "cache", "users", "result", "success"))
                    .isEqualTo(1);
            assertThat(count("perfkit.cache.loads", "cache", "users", "result", "failure"))
                    .isEqualTo(1);
            assertThat(count("perfkit.cache.invalidations", "cache", "users", "kind", "key"))
                    .isEqualTo(1);
            assertThat(count("perfkit.cache.invalidations", "cache", "users", "kind", "tag"))
                    .isEqualTo(1);
            assertThat(count("perfkit.cache.invalidations", "cache", "users", "kind", "all"))
                    .isEqualTo(1);
            FunctionTimer load = registry.get("perfkit.cache.load.duration").functionTimer();
            assertThat(load.count()).isEqualTo(2);
            assertThat(load.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        }
    }

    @Test
    void sizeEvictionsAreCountedByCause() {
        try (CacheAside<Integer, String> cache = PerfCache.<Integer, String>builder()
                .maximumSize(10)
                .executor(Runnable::run) // evictions are counted on the executor: run it on this thread
                .build()) {
            CacheMetrics.of("small", cache).bindTo(registry);
            for (int i = 0; i < 200; i++) {
                cache.put(i, "v" + i);
            }
            cache.cleanUp();
            assertThat(count("perfkit.cache.evictions", "cache", "small", "cause", "size"))
                    .isGreaterThanOrEqualTo(190);
            assertThat(registry.get("perfkit.cache.size").gauge().value()).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void noKeyOrTagOfTheCacheEverBecomesATagValue() {
        try (CacheAside<String, String> cache =
                PerfCache.<String, String>builder().recordStats().build()) {
            CacheMetrics.of("pages", cache).bindTo(registry);
            for (int i = 0; i < 500; i++) {
                cache.get("/users/" + i, k -> k);
                cache.invalidateTag("user-" + i);
            }
            List<String> values = registry.getMeters().stream()
                    .map(Meter::getId)
                    .flatMap(id -> id.getTags().stream())
                    .map(Tag::getValue)
                    .distinct()
                    .toList();
            assertThat(values).noneMatch(v -> v.contains("/users/") || v.startsWith("user-"));
            assertThat(values).hasSizeLessThan(20);
        }
    }

    @Test
    void aBlankOrHugeNameIsRefusedWithTheValue() {
        try (CacheAside<String, String> cache =
                PerfCache.<String, String>builder().build()) {
            assertThatThrownBy(() -> CacheMetrics.of(" ", cache))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cache name must be 1 to 100 non-blank characters, but was ' '");
            assertThatThrownBy(() -> CacheMetrics.of("x".repeat(101), cache))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
