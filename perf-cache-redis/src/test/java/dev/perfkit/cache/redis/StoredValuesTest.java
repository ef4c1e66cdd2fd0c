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
        String valueKey = new RedisKeys(prefix).value("k");
        for (String bytes :
                new String[] {"", "P", "X\u0001garbage", "P\u0002\u0000\u0000", "P\u0001\u0000\u0005bytes"}) {
            replaceFrame(valueKey, bytes.getBytes(StandardCharsets.UTF_8));
            assertThat(join(store.read("k", NONE)).value()).as("%s", bytes).isNull();
        }
        assertThat(counters.snapshot().decodeFailures()).isEqualTo(5);
    }

    @Test
    void aCorruptFenceHeaderIsACountedMissAndIsOverwrittenByTheNextLoad() {
        String prefix = TestRedis.prefix();
        RedisCounters counters = new RedisCounters();
        RedisSecondLevelStore<String, String> store = TestRedis.store(prefix, counters);
        join(store.put("k", "v", TTL, NONE));
        String valueKey = new RedisKeys(prefix).value("k");
        byte[] good = raw().get(valueKey);
        String header = new String(good, 0, indexOf(good, (byte) '\n'), StandardCharsets.UTF_8);
        String[] fields = header.split(" ");
        String[] corrupt = {
            "",
            "F1",
            "F2 " + fields[1] + " " + fields[2] + " " + fields[3] + "\n",
            "F1 x " + fields[2] + " " + fields[3] + "\n",
            "F1 " + fields[1] + " -1 " + fields[3] + "\n",
            "F1 " + fields[1] + " " + fields[2] + " 99999\n",
            "F1 " + fields[1] + " " + fields[2] + " " + fields[3],
            "F1 " + "9".repeat(40) + " 1 1\n",
        };
        for (String c : corrupt) {
            raw().set(valueKey, c.getBytes(StandardCharsets.UTF_8));
            SecondLevelRead<String> read = join(store.read("k", NONE));
            assertThat(read.value()).as("%s", c).isNull();
        }
        assertThat(counters.snapshot().decodeFailures()).isEqualTo(corrupt.length);
        long version = join(store.read("k", NONE)).version();
        assertThat(join(store.putIfVersion("k", "again", TTL, NONE, version))).isTrue();
        assertThat(join(store.read("k", NONE)).value()).isEqualTo("again");
    }

    @Test
    void aValueKeyOfAnotherTypeReadsAsAMissAndIsReplacedByTheNextLoad() {
        // The layout before fenced strings stored a hash: MGET answers nil for it, and SET replaces it.
        String prefix = TestRedis.prefix();
        RedisSecondLevelStore<String, String> store = TestRedis.store(prefix, new RedisCounters());
        String valueKey = new RedisKeys(prefix).value("k");
        raw().hset(valueKey, "d", "\"old\"".getBytes(StandardCharsets.UTF_8));
        SecondLevelRead<String> read = join(store.read("k", NONE));
        assertThat(read.value()).isNull();
        assertThat(join(store.readAll(java.util.Map.of("k", NONE))).get("k").value())
                .isNull();
        assertThat(join(store.putIfVersion("k", "new", TTL, NONE, read.version())))
                .isTrue();
        assertThat(join(store.read("k", NONE)).value()).isEqualTo("new");
    }

    private static RedisCommands<String, byte[]> raw() {
        return TestRedis.shared()
                .connect(io.lettuce.core.codec.RedisCodec.of(
                        io.lettuce.core.codec.StringCodec.UTF8, io.lettuce.core.codec.ByteArrayCodec.INSTANCE))
                .sync();
    }

    /** Replaces the frame of the value at {@code valueKey}, keeping its fence header, so a read decodes the frame. */
    private static void replaceFrame(String valueKey, byte[] frame) {
        RedisCommands<String, byte[]> raw = raw();
        byte[] stored = raw.get(valueKey);
        int newline = indexOf(stored, (byte) '\n');
        String[] fields = new String(stored, 0, newline, StandardCharsets.UTF_8).split(" ");
        int frameAt = newline + 1 + Integer.parseInt(fields[3]);
        byte[] replaced = java.util.Arrays.copyOf(stored, frameAt + frame.length);
        System.arraycopy(frame, 0, replaced, frameAt, frame.length);
        raw.set(valueKey, replaced);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("no " + b + " in the stored value");
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

    @Test
    void valuesAboveTheThresholdAreDeflatedAndABombIsRefusedBeforeInflating() {
        RedisCounters counters = new RedisCounters();
        String prefix = TestRedis.prefix();
        var store = new RedisSecondLevelStore<String, String>(
                RedisLink.of(TestRedis.commands(), false),
                prefix,
                k -> k,
                RedisCodecs.json(String.class),
                1 << 16,
                100,
                Duration.ofSeconds(2),
                counters);
        String big = "abc".repeat(10_000);
        join(store.put("big", big, TTL, NONE));
        join(store.put("small", "tiny", TTL, NONE));
        assertThat(join(store.read("big", NONE)).value()).isEqualTo(big);
        assertThat(join(store.read("small", NONE)).value()).isEqualTo("tiny");
        assertThat(counters.snapshot().compressedValues()).isEqualTo(1);
        assertThat(counters.snapshot().bytesWritten()).isLessThan(2_000);
        // A frame that claims 1 GiB inflated: refused from its header, never inflated.
        byte[] bomb = ValueFrame.encode(
                RedisCodecs.idOf(RedisCodecs.json(String.class)), Set.of(), big.getBytes(StandardCharsets.UTF_8), 0);
        java.nio.ByteBuffer.wrap(bomb).putInt(bomb.length - bombPayload(bomb), 1 << 30);
        assertThatThrownBy(() -> ValueFrame.decode("json:java.lang.String", bomb, 1 << 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 1048576");
        byte[] corrupt = bomb.clone();
        java.nio.ByteBuffer.wrap(corrupt).putInt(corrupt.length - bombPayload(corrupt), 50);
        assertThatThrownBy(() -> ValueFrame.decode("json:java.lang.String", corrupt, 1 << 20))
                .isInstanceOf(IllegalArgumentException.class);
        replaceFrame(new RedisKeys(prefix).value("big"), bomb);
        assertThat(join(store.read("big", NONE)).value()).isNull();
        assertThat(counters.snapshot().decodeFailures()).isEqualTo(1);
    }

    /** The length of the deflated payload after the 4-byte inflated length, for the bomb test. */
    private static int bombPayload(byte[] frame) {
        // header: 'P', format, codec id (2 + n), flags, tag count (2), inflated length (4), deflated bytes
        int codecLength = ((frame[2] & 0xff) << 8) | (frame[3] & 0xff);
        int inflatedAt = 4 + codecLength + 1 + 2;
        return frame.length - inflatedAt;
    }

    @Test
    void keysWithBracesStayInOneSlotAndABatchReadChecksTheCountersAValueWasStoredUnder() {
        assertThat(RedisKeys.part("}x{")).startsWith("#");
        RedisCounters counters = new RedisCounters();
        RedisSecondLevelStore<String, String> store = TestRedis.store(counters);
        join(store.put("}x{", "braces", TTL, EntryScope.of("ns", Set.of("t1"))));
        join(store.put("plain", "p", TTL, EntryScope.of("ns", Set.of("t2"))));
        var reads = join(store.readAll(java.util.Map.of("}x{", NONE, "plain", NONE, "absent", NONE)));
        assertThat(reads.get("}x{").value()).isEqualTo("braces");
        assertThat(reads.get("plain").value()).isEqualTo("p");
        assertThat(reads.get("absent").value()).isNull();
        join(store.invalidateTag("t1")); // the readers' scope does not name t1; the stored value does
        reads = join(store.readAll(java.util.Map.of("}x{", NONE, "plain", NONE)));
        assertThat(reads.get("}x{").value()).isNull();
        assertThat(reads.get("plain").value()).isEqualTo("p");
    }
}
