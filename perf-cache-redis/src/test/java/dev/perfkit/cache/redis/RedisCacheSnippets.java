package dev.perfkit.cache.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The usage examples of perf-cache-redis's Javadoc and README, compiled here and run by RedisCacheSnippetsTest. */
class RedisCacheSnippets {
    record User(long id, String name) {}

    /** A table standing in for the database a user's loader would query. */
    static final class UserDao {
        final Map<Long, User> rows = new ConcurrentHashMap<>(Map.of(42L, new User(42, "Ada")));

        User find(long id) {
            return rows.get(id);
        }
    }

    final UserDao userDao = new UserDao();

    @org.jspecify.annotations.Nullable
    User lastRead;

    RedisCache<Long, User> basic(String redisUri) {
        // @start region="basic"
        RedisCache<Long, User> users = RedisCache.<Long, User>builder()
                .redis(redisUri) // for example "redis://127.0.0.1:6379"
                .name("users") // the key prefix and channel all instances of this cache share
                .keys(String::valueOf, Long::valueOf)
                .values(RedisCodecs.json(User.class)) // binds to User only, no default typing
                .local(local -> local.maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)))
                .build();
        User ada = users.cache().get(42L, id -> userDao.find(id)); // local, then Redis, then the loader
        users.cache().invalidate(42L); // every instance drops it; no slow load writes an older value back
        // @end
        lastRead = ada;
        return users;
    }

    RedisCache<Long, User> singleFlight(String redisUri) {
        // @start region="singleFlight"
        RedisCache<Long, User> users = RedisCache.<Long, User>builder()
                .redis(redisUri)
                .name("users")
                .keys(String::valueOf, Long::valueOf)
                .values(RedisCodecs.json(User.class))
                // one instance loads a missing key; the others wait up to 2 s for its value, then load themselves
                .clusterSingleFlight(Duration.ofSeconds(10), Duration.ofSeconds(2))
                .build();
        User ada = users.cache().get(42L, id -> userDao.find(id));
        long waited = users.stats().lockWaits(); // loads that waited for another instance's
        // @end
        lastRead = ada;
        lastWaits = waited;
        return users;
    }

    long lastWaits;
}
