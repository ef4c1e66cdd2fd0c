package dev.perfkit.cache.redis;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The bytes of one stored value: a header (magic byte {@code 'P'}, format version, codec id, flags), the tags the
 * value was stored with, then the codec's payload, deflated when the flags say so (with its inflated length first,
 * checked against a limit before inflating, so a crafted value cannot inflate without bound). A value whose header
 * does not match (written by another codec, another format version, or not by perfkit at all) is recognised and
 * refused, never handed to the codec.
 */
final class ValueFrame {
    static final byte MAGIC = 'P';
    static final byte FORMAT = 2;
    /** The flag of a deflated payload. */
    static final byte DEFLATED = 1;

    private final Set<String> tags;
    private final byte[] payload;

    private ValueFrame(Set<String> tags, byte[] payload) {
        this.tags = tags;
        this.payload = payload;
    }

    /** The tags the value was stored with. */
    Set<String> tags() {
        return tags;
    }

    /** The codec's bytes. */
    byte[] payload() {
        return payload;
    }

    /** Returns the framed bytes of {@code payload} stored with {@code tags} by the codec {@code codecId}. */
    static byte[] encode(String codecId, Set<String> tags, byte[] payload) {
        return encode(codecId, tags, payload, Integer.MAX_VALUE);
    }

    /**
     * Returns the framed bytes of {@code payload}, deflated if it is longer than {@code compressAbove} bytes and
     * deflating makes it smaller.
     */
    static byte[] encode(String codecId, Set<String> tags, byte[] payload, int compressAbove) {
        byte[] deflated = payload.length > compressAbove ? deflate(payload) : null;
        boolean compress = deflated != null && deflated.length + 4 < payload.length;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(MAGIC);
            out.writeByte(FORMAT);
            utf(out, codecId);
            out.writeByte(compress ? DEFLATED : 0);
            out.writeShort(tags.size());
            for (String tag : tags) {
                utf(out, tag);
            }
            if (compress) {
                out.writeInt(payload.length);
                out.write(deflated);
            } else {
                out.write(payload);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads framed bytes written by {@code codecId}.
     *
     * @throws IllegalArgumentException if the bytes are not a frame of this format version and codec
     */
    static ValueFrame decode(String codecId, byte[] framed) {
        return decode(codecId, framed, Integer.MAX_VALUE);
    }

    /**
     * Reads framed bytes written by {@code codecId}, inflating a payload of at most {@code maxInflated} bytes.
     *
     * @throws IllegalArgumentException if the bytes are not a frame of this format version and codec, or a deflated
     *     payload is corrupt or would inflate beyond the limit
     */
    static ValueFrame decode(String codecId, byte[] framed, int maxInflated) {
        return decode(codecId, framed, 0, maxInflated);
    }

    /** {@link #decode(String, byte[], int)} of the frame that starts at {@code offset} of {@code framed}. */
    static ValueFrame decode(String codecId, byte[] framed, int offset, int maxInflated) {
        ByteBuffer in = ByteBuffer.wrap(framed, offset, framed.length - offset);
        try {
            if (in.get() != MAGIC) {
                throw new IllegalArgumentException("not a perfkit value (no 'P' header)");
            }
            byte format = in.get();
            if (format != FORMAT) {
                throw new IllegalArgumentException("format version " + format + ", expected " + FORMAT);
            }
            String writer = utf(in);
            if (!writer.equals(codecId)) {
                throw new IllegalArgumentException("written by codec " + writer + ", expected " + codecId);
            }
            byte flags = in.get();
            if ((flags & ~DEFLATED) != 0) {
                throw new IllegalArgumentException("unknown flags " + flags);
            }
            int count = in.getShort() & 0xffff;
            Set<String> tags = new LinkedHashSet<>();
            for (int i = 0; i < count; i++) {
                tags.add(utf(in));
            }
            if ((flags & DEFLATED) == 0) {
                return new ValueFrame(tags, Arrays.copyOfRange(framed, in.position(), framed.length));
            }
            int length = in.getInt();
            if (length < 0 || length > maxInflated) {
                throw new IllegalArgumentException(
                        "a deflated value of " + length + " bytes; at most " + maxInflated + " are accepted");
            }
            return new ValueFrame(tags, inflate(framed, in.position(), length));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated value of " + (framed.length - offset) + " bytes", e);
        }
    }

    private static byte[] deflate(byte[] payload) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(payload);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length / 2 + 16);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] framed, int offset, int length) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(framed, offset, framed.length - offset);
            byte[] out = new byte[length];
            int done = 0;
            while (done < length && !inflater.finished()) {
                int n = inflater.inflate(out, done, length - done);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                done += n;
            }
            if (done != length || !inflater.finished()) {
                throw new IllegalArgumentException(
                        "a deflated value that does not inflate to its " + length + " bytes");
            }
            return out;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("a corrupt deflated value", e);
        } finally {
            inflater.end();
        }
    }

    private static void utf(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xffff) {
            throw new IllegalArgumentException("a tag or codec id of " + bytes.length + " bytes; at most 65535 fit");
        }
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    private static String utf(ByteBuffer in) {
        int length = in.getShort() & 0xffff;
        if (length > in.remaining()) {
            throw new IllegalArgumentException("a string of " + length + " bytes overruns the value");
        }
        byte[] text = new byte[length];
        in.get(text);
        return new String(text, StandardCharsets.UTF_8);
    }
}
