package dev.perfkit.benchmarks.redis;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.perfkit.cache.redis.RedisCache;
import dev.perfkit.cache.redis.RedisCodecs;
import dev.perfkit.testsupport.Redis;
import java.time.Duration;
import java.util.UUID;

/** The caches the Redis benchmarks share: one RedisCache per instance on the fixture's Redis. */
final class RedisBench {
    /** The value every benchmark reads: a small JSON object, as a cached row would be. */
    record Row(long id, String name, String email, int score) {}

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The local level's time to live; a baseline beside a local hit expires after the same write age. */
    static final Duration LOCAL_TTL = Duration.ofHours(1);

    private RedisBench() {}

    static String uri() {
        return Redis.shared().uri();
    }

    static String name() {
        return "bench-" + UUID.randomUUID();
    }

    static Row row(long id) {
        return new Row(id, "user " + id, "user" + id + "@example.com", (int) (id % 100));
    }

    /** A cache whose local level holds {@code localSize} entries. */
    static RedisCache<Long, Row> cache(String name, long localSize) {
        return RedisCache.<Long, Row>builder()
                .redis(uri())
                .name(name)
                .keys(id -> Long.toString(id), Long::valueOf)
                .values(RedisCodecs.json(Row.class))
                .timeout(Duration.ofSeconds(2))
                .local(local -> local.maximumSize(localSize).expireAfterWrite(LOCAL_TTL))
                .build();
    }
}
