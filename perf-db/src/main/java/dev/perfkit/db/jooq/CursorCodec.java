package dev.perfkit.db.jooq;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Encodes the ordering values of the last row of a page into an opaque token and back, strictly:
 * base64url of {@code version | ordering id (8 bytes) | typed values | HMAC-SHA256 (16 bytes)}, where a
 * nullable column's value is preceded by a presence byte. Types are fixed by the ordering's columns, never
 * read from the token, and nothing is deserialized by reflection. Every decoding failure is an
 * {@link InvalidCursorException} with one message for all causes.
 */
final class CursorCodec {
    static final int MAX_TOKEN_CHARS = 4096;
    private static final byte VERSION = 2;
    private static final int MAC_BYTES = 16;
    private static final List<Class<?>> SUPPORTED = List.of(
            Long.class,
            Integer.class,
            Short.class,
            String.class,
            UUID.class,
            LocalDate.class,
            LocalDateTime.class,
            OffsetDateTime.class,
            Instant.class,
            BigDecimal.class,
            Boolean.class);

    private final byte[] orderingId;
    private final List<Class<?>> types;
    private final List<Boolean> nullable;
    private final SecretKeySpec key;

    CursorCodec(String orderingDescription, List<Class<?>> types, List<Boolean> nullable, byte[] secret) {
        for (Class<?> type : types) {
            if (!SUPPORTED.contains(type)) {
                throw new IllegalArgumentException("ordering column type " + type.getName()
                        + " is not supported for cursor tokens; supported: " + SUPPORTED);
            }
        }
        this.types = List.copyOf(types);
        this.nullable = List.copyOf(nullable);
        this.orderingId = Arrays.copyOf(sha256(orderingDescription.getBytes(StandardCharsets.UTF_8)), 8);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    String encode(List<@Nullable Object> values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.write(orderingId);
            for (int i = 0; i < types.size(); i++) {
                Object value = values.get(i);
                if (nullable.get(i)) {
                    out.writeBoolean(value != null);
                }
                if (value != null) {
                    write(out, types.get(i), value);
                } else if (!nullable.get(i)) {
                    throw new IllegalStateException("NOT NULL ordering column " + i + " read as NULL");
                }
            }
            byte[] payload = bytes.toByteArray();
            out.write(mac(payload), 0, MAC_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    List<@Nullable Object> decode(String token) {
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidCursorException();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
        if (raw.length < 1 + orderingId.length + MAC_BYTES) {
            throw new InvalidCursorException();
        }
        byte[] payload = Arrays.copyOf(raw, raw.length - MAC_BYTES);
        byte[] expected = Arrays.copyOf(mac(payload), MAC_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, payload.length, raw.length))) {
            throw new InvalidCursorException();
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        byte[] id = new byte[orderingId.length];
        if (in.get() != VERSION || !Arrays.equals(id(in, id), orderingId)) {
            throw new InvalidCursorException();
        }
        List<@Nullable Object> values = new ArrayList<>(types.size());
        try {
            for (int i = 0; i < types.size(); i++) {
                boolean present = !nullable.get(i) || readPresence(in);
                values.add(present ? read(in, types.get(i)) : null);
            }
        } catch (BufferUnderflowException
                | CharacterCodingException
                | java.time.DateTimeException
                | IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
        if (in.hasRemaining()) {
            throw new InvalidCursorException();
        }
        return values;
    }

    private static byte[] id(ByteBuffer in, byte[] id) {
        in.get(id);
        return id;
    }

    private static boolean readPresence(ByteBuffer in) {
        byte b = in.get();
        if (b != 0 && b != 1) {
            throw new InvalidCursorException();
        }
        return b == 1;
    }

    private static void write(DataOutputStream out, Class<?> type, Object v) throws IOException {
        if (type == Long.class) {
            out.writeLong((Long) v);
        } else if (type == Integer.class) {
            out.writeInt((Integer) v);
        } else if (type == Short.class) {
            out.writeShort((Short) v);
        } else if (type == Boolean.class) {
            out.writeBoolean((Boolean) v);
        } else if (type == UUID.class) {
            out.writeLong(((UUID) v).getMostSignificantBits());
            out.writeLong(((UUID) v).getLeastSignificantBits());
        } else if (type == LocalDate.class) {
            out.writeLong(((LocalDate) v).toEpochDay());
        } else if (type == LocalDateTime.class) {
            writeInstant(out, ((LocalDateTime) v).toInstant(ZoneOffset.UTC));
        } else if (type == OffsetDateTime.class) {
            writeInstant(out, ((OffsetDateTime) v).toInstant());
            out.writeInt(((OffsetDateTime) v).getOffset().getTotalSeconds());
        } else if (type == Instant.class) {
            writeInstant(out, (Instant) v);
        } else {
            byte[] text = (type == BigDecimal.class ? ((BigDecimal) v).toString() : (String) v)
                    .getBytes(StandardCharsets.UTF_8);
            out.writeInt(text.length);
            out.write(text);
        }
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Object read(ByteBuffer in, Class<?> type) throws CharacterCodingException {
        if (type == Long.class) {
            return in.getLong();
        } else if (type == Integer.class) {
            return in.getInt();
        } else if (type == Short.class) {
            return in.getShort();
        } else if (type == Boolean.class) {
            byte b = in.get();
            if (b != 0 && b != 1) {
                throw new InvalidCursorException();
            }
            return b == 1;
        } else if (type == UUID.class) {
            return new UUID(in.getLong(), in.getLong());
        } else if (type == LocalDate.class) {
            return LocalDate.ofEpochDay(in.getLong());
        } else if (type == LocalDateTime.class) {
            return LocalDateTime.ofInstant(readInstant(in), ZoneOffset.UTC);
        } else if (type == OffsetDateTime.class) {
            Instant instant = readInstant(in);
            return OffsetDateTime.ofInstant(instant, ZoneOffset.ofTotalSeconds(in.getInt()));
        } else if (type == Instant.class) {
            return readInstant(in);
        }
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new InvalidCursorException();
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        CharBuffer text = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes));
        return type == BigDecimal.class ? new BigDecimal(text.toString()) : text.toString();
    }

    private static Instant readInstant(ByteBuffer in) {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
