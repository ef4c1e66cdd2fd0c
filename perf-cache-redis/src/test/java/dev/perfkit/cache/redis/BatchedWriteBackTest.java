package dev.perfkit.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.testsupport.Redis;
import dev.perfkit.testsupport.RedisProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code getAll} on a private redis-server, counting the scripts Redis ran ({@code INFO commandstats}): the loaded
 * values of a batch go back in one pipelined batch, not one write per key.
 */
class BatchedWriteBackTest {
    private static final Pattern SCRIPTS = Pattern.compile("cmdstat_(evalsha|eval):calls=(\\d+)");
    private static final Pattern MGETS = Pattern.compile("cmdstat_(mget):calls=(\\d+)");

    private RedisProcess redis;
    private RedisClient client;
    private StatefulRedisConnection<String, String> admin;

    @BeforeEach
    void start() {
        redis = Redis.startPrivate();
        client = TestRedis.client(redis);
        admin = client.connect();
    }

    @AfterEach
    void stop() {
        admin.close();
        client.shutdown();
        redis.close();
    }

    private RedisCache<String, String> cache(String name) {
        return RedisCache.<String, String>builder()
                .redis(redis.uri())
                .name(name)
                .keys(k -> k, k -> k)
                .values(RedisCodecs.json(String.class))
                .timeout(Duration.ofSeconds(2))
                .local(local -> local.expireAfterWrite(Duration.ofMinutes(10)))
                .build();
    }

    /** Scripts run since the last reset (EVALSHA and EVAL, failed ones included). */
    private long scripts() {
        return calls(SCRIPTS);
    }

    /** MGET commands run since the last reset. */
    private long mgets() {
        return calls(MGETS);
    }

    private long calls(Pattern commands) {
        Matcher m = commands.matcher(admin.sync().info("commandstats"));
        long calls = 0;
        while (m.find()) {
            calls += Long.parseLong(m.group(2));
        }
        return calls;
    }

    @Test
    void aBulkLoadOfTwentyKeysIsReadInOneMgetAndWrittenBackInTwoScripts() throws Exception {
        String name = "batch-" + UUID.randomUUID();
        List<String> keys = IntStream.range(0, 20).mapToObj(i -> "k" + i).toList();
        try (RedisCache<String, String> cache = cache(name)) {
            var unused = cache.cache().getAll(List.of("warm-1", "warm-2"), this::load); // loads the scripts
            RedisCommands<String, String> sync = admin.sync();
            eventually(() -> cache.stats().bytesWritten() > 0);
            sync.configResetstat();
            long before = scripts();
            long mgetsBefore = mgets();
            assertThat(cache.cache().getAll(keys, this::load)).hasSize(20);
            eventually(() -> scripts() - before >= 2);
            Thread.sleep(200); // a per-key write-back would still be arriving
            assertThat(mgets() - mgetsBefore)
                    .as("one MGET to read (shared counters and keys together on a standalone server)")
                    .isEqualTo(1);
            assertThat(scripts() - before)
                    .as("no script to read, two to write back (the shared counters, then the fenced stores)")
                    .isEqualTo(2);
        }
        try (RedisCache<String, String> other = cache(name)) {
            assertThat(other.cache().getAll(keys, missing -> Map.of()))
                    .as("every value was written back")
                    .hasSize(20)
                    .containsEntry("k7", "loaded-k7");
            assertThat(other.stats().hits()).isEqualTo(20);
        }
    }

    private Map<String, String> load(Set<? extends String> missing) {
        return new HashMap<>(missing.stream().collect(Collectors.toMap(k -> k, k -> "loaded-" + k)));
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
