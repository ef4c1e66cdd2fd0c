package dev.perfkit.cache.redis;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A second-level value as one read found it. The value key holds a Redis string: a fence header, then the {@link
 * ValueFrame}. The header is ASCII, written by the write scripts:
 *
 * <pre>{@code F1 <key counter> <shared sum> <length of names>\n<names><frame>}</pre>
 *
 * <p>(the key counter and shared sum it was stored under, and the names of the shared counters that sum adds up,
 * separated by {@code \n}, the global counter last). A string, not a hash, so one {@code MGET} reads a value with its
 * key counter and the shared counters, atomically and with no script: a read costs what a plain {@code GET} costs.
 * A value key that holds another type (a hash written by an earlier layout, say) reads as missing ({@code MGET}
 * answers nil for it) and is replaced by the next write ({@code SET} replaces any type).
 */
final class FencedValue {
    private static final byte[] MAGIC = {'F', '1', ' '};
    private static final FencedValue NONE = new FencedValue(0, null, 0, 0, null, null);

    /** The key counter when it was read. */
    final long keyCounter;
    /** The stored bytes (header and frame), or null when there is none under this key counter, or they are bad. */
    final byte @Nullable [] bytes;
    /** Where the frame starts in {@link #bytes}. */
    final int frameAt;
    /** The shared sum the value was stored under. */
    final long sum;
    /** The shared counter names the value was stored under, separated by {@code \n}. */
    final @Nullable String names;
    /** Why the stored bytes are not a fenced value, or null. */
    final @Nullable String bad;

    private FencedValue(
            long keyCounter,
            byte @Nullable [] bytes,
            int frameAt,
            long sum,
            @Nullable String names,
            @Nullable String bad) {
        this.keyCounter = keyCounter;
        this.bytes = bytes;
        this.frameAt = frameAt;
        this.sum = sum;
        this.names = names;
        this.bad = bad;
    }

    /**
     * What a read of the key counter ({@code keyCounter}, 0 when missing) and the value key ({@code raw}, null when
     * missing) found. A value stored under another key counter (the key was invalidated or written since) is none.
     */
    static FencedValue parse(long keyCounter, byte @Nullable [] raw) {
        if (raw == null) {
            return keyCounter == 0 ? NONE : new FencedValue(keyCounter, null, 0, 0, null, null);
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (raw.length <= i || raw[i] != MAGIC[i]) {
                return bad(keyCounter, "no fence header (not written by this version of perfkit)");
            }
        }
        int at = MAGIC.length;
        int end = next(raw, at, (byte) ' ');
        long storedKey = digits(raw, at, end);
        at = end + 1;
        end = next(raw, at, (byte) ' ');
        long sum = digits(raw, at, end);
        at = end + 1;
        end = next(raw, at, (byte) '\n');
        long length = digits(raw, at, end);
        at = end + 1;
        if (storedKey < 0 || sum < 0 || length < 0 || length > raw.length - (long) at) {
            return bad(keyCounter, "a corrupt fence header");
        }
        if (storedKey != keyCounter) {
            return new FencedValue(keyCounter, null, 0, 0, null, null); // invalidated or written since
        }
        String names = new String(raw, at, (int) length, StandardCharsets.UTF_8);
        return new FencedValue(keyCounter, raw, at + (int) length, sum, names, null);
    }

    private static FencedValue bad(long keyCounter, String why) {
        return new FencedValue(keyCounter, null, 0, 0, null, why);
    }

    /** The index of the first {@code stop} at or after {@code from} (within 20 bytes), or -1. */
    private static int next(byte[] raw, int from, byte stop) {
        if (from < 0) {
            return -1;
        }
        int limit = Math.min(raw.length, from + 21);
        for (int i = from; i < limit; i++) {
            if (raw[i] == stop) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The non-negative decimal number in {@code raw[from, to)}, or -1 when it is empty, longer than 18 digits, or
     * holds anything but digits.
     */
    static long digits(byte[] raw, int from, int to) {
        if (from < 0 || to <= from || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = raw[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
