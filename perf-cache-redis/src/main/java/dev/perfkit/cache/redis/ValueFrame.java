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

/**
 * The bytes of one stored value: a header (magic byte {@code 'P'}, format version, codec id), the tags the value was
 * stored with, then the codec's payload. A value whose header does not match (written by another codec, another
 * format version, or not by perfkit at all) is recognised and refused, never handed to the codec.
 */
final class ValueFrame {
    static final byte MAGIC = 'P';
    static final byte FORMAT = 1;

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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(MAGIC);
            out.writeByte(FORMAT);
            utf(out, codecId);
            out.writeShort(tags.size());
            for (String tag : tags) {
                utf(out, tag);
            }
            out.write(payload);
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
        ByteBuffer in = ByteBuffer.wrap(framed);
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
            int count = in.getShort() & 0xffff;
            Set<String> tags = new LinkedHashSet<>();
            for (int i = 0; i < count; i++) {
                tags.add(utf(in));
            }
            return new ValueFrame(tags, Arrays.copyOfRange(framed, in.position(), framed.length));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated value of " + framed.length + " bytes", e);
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
