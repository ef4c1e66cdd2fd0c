package dev.perfkit.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.testsupport.Redis;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisCacheSnippetsTest {
    @Test
    void theBasicExampleRunsAgainstRealRedis() {
        RedisCacheSnippets snippets = new RedisCacheSnippets();
        try (RedisCache<Long, RedisCacheSnippets.User> users =
                snippets.basic(Redis.shared().uri())) {
            assertThat(users.cache().getIfPresent(42L)).isNull();
            assertThat(users.cache().get(42L, id -> snippets.userDao.find(id)).name())
                    .isEqualTo("Ada");
            assertThat(users.stats().failures()).isZero();
        }
    }

    @Test
    void theSingleFlightExampleLoadsThroughTheLock() {
        RedisCacheSnippets snippets = new RedisCacheSnippets();
        try (RedisCache<Long, RedisCacheSnippets.User> users =
                snippets.singleFlight(Redis.shared().uri())) {
            assertThat(snippets.lastRead).isNotNull();
            assertThat(snippets.lastWaits).isZero();
            assertThat(users.stats().locksTaken() + users.stats().hits()).isEqualTo(1);
        }
    }

    @Test
    void anUnreachableRedisLoadsLocallyWithSingleFlightOn() {
        try (RedisCache<String, String> cache = RedisCache.<String, String>builder()
                .redis("redis://127.0.0.1:1")
                .name("nowhere-locked")
                .keys(k -> k, k -> k)
                .values(RedisCodecs.json(String.class))
                .clusterSingleFlight(Duration.ofSeconds(10), Duration.ofSeconds(10))
                .build()) {
            long start = System.nanoTime();
            assertThat(cache.cache().get("k", k -> "loaded")).isEqualTo("loaded");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(cache.stats().lockFailures()).isEqualTo(1);
            assertThat(cache.stats().lockWaits()).isZero();
        }
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        RedisCache.Builder<String, String> builder = RedisCache.builder();
        assertThatThrownBy(() -> builder.name("has space")).hasMessageContaining("'has space'");
        assertThatThrownBy(() -> builder.name("")).hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> builder.redis("::nope")).hasMessageContaining("::nope");
        assertThatThrownBy(() -> builder.timeout(Duration.ZERO)).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> builder.heartbeat(Duration.ofMillis(1))).hasMessageContaining("PT0.001S");
        assertThatThrownBy(() -> builder.maxValueBytes(0)).hasMessageContaining("was 0");
        assertThatThrownBy(() -> builder.name("a{b}"))
                .hasMessageContaining("braces")
                .hasMessageContaining("'a{b}'");
        assertThatThrownBy(() -> builder.cluster()).hasMessageContaining("at least one seed");
        assertThatThrownBy(() -> builder.cluster("redis-sentinel://127.0.0.1:26379#m"))
                .hasMessageContaining("redis-sentinel://127.0.0.1:26379#m");
        assertThatThrownBy(() -> builder.compressAbove(-1)).hasMessageContaining("was -1");
        assertThatThrownBy(() -> builder.clusterSingleFlight(Duration.ofMillis(5), Duration.ZERO))
                .hasMessageContaining("lockTtl")
                .hasMessageContaining("PT0.005S");
        assertThatThrownBy(() -> builder.clusterSingleFlight(Duration.ofSeconds(1), Duration.ofMillis(-1)))
                .hasMessageContaining("maxWait")
                .hasMessageContaining("PT-0.001S");
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("redis");
    }

    @Test
    void anUnreachableRedisDoesNotFailTheBuildAndGetsAnswerFromTheLoader() {
        try (RedisCache<String, String> cache = RedisCache.<String, String>builder()
                .redis("redis://127.0.0.1:1")
                .name("nowhere")
                .keys(k -> k, k -> k)
                .values(RedisCodecs.json(String.class))
                .build()) {
            assertThat(cache.cache().get("k", k -> "loaded")).isEqualTo("loaded");
            cache.cache().invalidate("k"); // queued for Redis, never thrown
            assertThat(cache.cache().get("k", k -> "again")).isEqualTo("again");
            assertThat(cache.stats().connectFailures()).isPositive();
            assertThat(cache.stats().retriedInvalidations()).isPositive();
        }
    }
}
