package dev.perfkit.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.cache.spi.EntryScope;
import dev.perfkit.cache.spi.SecondLevelRead;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Headers, codecs and key hashing on the real Redis: foreign or corrupt values are counted misses, never misread. */
class StoredValuesTest {
    private static final Duration TTL = Duration.ofMinutes(1);
    private static final EntryScope NONE = EntryScope.none();

    record Point(int x, int y) {}

    private static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
        return future.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void aValueWrittenByAnotherCodecIsACountedMissAndIsOverwrittenByTheNextLoad() {
        String prefix = TestRedis.prefix();
        RedisCounters counters = new RedisCounters();
        var strings = new RedisSecondLevelStore<String, String>(
                TestRedis.commands(),
                prefix,
                k -> k,
                RedisCodecs.json(String.class),
                1 << 20,
                Duration.ofSeconds(2),
                new RedisCounters());
        var points = new RedisSecondLevelStore<String, Point>(
                TestRedis.commands(),
                prefix,
                k -> k,
                RedisCodecs.json(Point.class),
                1 << 20,
                Duration.ofSeconds(2),
                counters);
        join(strings.put("k", "a string", TTL, NONE));
        SecondLevelRead<Point> read = join(points.read("k", NONE));
        assertThat(read.value()).isNull();
        assertThat(counters.snapshot().decodeFailures()).isEqualTo(1);
        assertThat(join(points.putIfVersion("k", new Point(1, 2), TTL, NONE, read.version())))
                .isTrue();
        assertThat(join(points.read("k", NONE)).value()).isEqualTo(new Point(1, 2));
    }

    @Test
    void corruptOrForeignBytesAreCountedMisses() {
        String prefix = TestRedis.prefix();
        RedisCounters counters = new RedisCounters();
        var store = new RedisSecondLevelStore<String, Point>(
                TestRedis.commands(),
                prefix,
                k -> k,
                RedisCodecs.json(Point.class),
                1 << 20,
                Duration.ofSeconds(2),
                counters);
        join(store.put("k", new Point(1, 2), TTL, NONE));
        RedisCommands<String, String> redis = TestRedis.shared().connect().sync();
        String valueKey = prefix + "v:k";
        for (String bytes :
                new String[] {"", "P", "X\u0001garbage", "P\u0002\u0000\u0000", "P\u0001\u0000\u0005bytes"}) {
            redis.hset(valueKey, "d", bytes);
            assertThat(join(store.read("k", NONE)).value()).as("%s", bytes).isNull();
        }
        assertThat(counters.snapshot().decodeFailures()).isEqualTo(5);
    }

    @Test
    void theJsonCodecBindsToItsTypeOnly() {
        var codec = RedisCodecs.json(Point.class);
        assertThat(codec.decode(codec.encode(new Point(3, 4)))).isEqualTo(new Point(3, 4));
        byte[] typed = "[\"java.net.URL\",\"http://evil\"]".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> codec.decode(typed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Point.class.getName());
        assertThatThrownBy(() -> codec.decode("null".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RedisCodecs.idOf(codec)).isEqualTo("json:" + Point.class.getName());
    }

    @Test
    void rawBytesRoundTrip() {
        var store = new RedisSecondLevelStore<String, byte[]>(
                TestRedis.commands(),
                TestRedis.prefix(),
                k -> k,
                RedisCodecs.bytes(),
                1 << 20,
                Duration.ofSeconds(2),
                new RedisCounters());
        byte[] value = {0, 1, (byte) 0xff, 'P'};
        join(store.put("k", value, TTL, EntryScope.of("ns", Set.of("t"))));
        SecondLevelRead<byte[]> read = join(store.read("k", EntryScope.of("ns", Set.of("t"))));
        assertThat(read.value()).containsExactly(value);
        assertThat(read.tags()).containsExactly("t");
    }

    @Test
    void longOrOddKeysAreHashedIntoBoundedKeysAndStillWork() {
        String longKey = "x".repeat(10_000);
        assertThat(RedisKeys.part(longKey)).hasSizeLessThan(50).startsWith("#");
        assertThat(RedisKeys.part("a b\n")).startsWith("#");
        assertThat(RedisKeys.part("#looks-hashed")).isNotEqualTo("#looks-hashed");
        assertThat(RedisKeys.part("user:42")).isEqualTo("user:42");
        RedisSecondLevelStore<String, String> store = TestRedis.store(new RedisCounters());
        join(store.put(longKey, "v", TTL, EntryScope.of("name space", Set.of("tag\nwith newline"))));
        assertThat(join(store.read(longKey, EntryScope.of("name space", Set.of("tag\nwith newline"))))
                        .value())
                .isEqualTo("v");
        join(store.invalidateTag("tag\nwith newline"));
        assertThat(join(store.read(longKey, NONE)).value()).isNull();
    }

    @Test
    void anOversizedValueIsNotWrittenAndIsCounted() {
        RedisCounters counters = new RedisCounters();
        var store = new RedisSecondLevelStore<String, String>(
                TestRedis.commands(),
                TestRedis.prefix(),
                k -> k,
                RedisCodecs.json(String.class),
                64,
                Duration.ofSeconds(2),
                counters);
        long version = join(store.read("k", NONE)).version();
        assertThat(join(store.putIfVersion("k", "y".repeat(100), TTL, NONE, version)))
                .isFalse();
        assertThat(counters.snapshot().oversizedValues()).isEqualTo(1);
        assertThat(join(store.read("k", NONE)).value()).isNull();
    }
}
