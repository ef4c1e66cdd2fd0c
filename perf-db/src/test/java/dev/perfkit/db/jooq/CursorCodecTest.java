package dev.perfkit.db.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CursorCodecTest {
    private static final byte[] KEY = "a-key-of-sixteen-bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void everySupportedTypeRoundTrips() {
        List<Class<?>> types = List.of(
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
        List<Object> values = List.of(
                -5L,
                7,
                (short) 3,
                "h\u00e9llo \u2603",
                UUID.randomUUID(),
                LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6),
                OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 6, ZoneOffset.ofHours(2)),
                Instant.ofEpochSecond(1_700_000_000L, 123),
                new BigDecimal("-12.3400"),
                true);
        CursorCodec codec =
                new CursorCodec("t|all", types, types.stream().map(t -> false).toList(), KEY);
        String token = codec.encode(values);
        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(codec.decode(token)).isEqualTo(values);
    }

    @Test
    void nullsOfNullableColumnsRoundTripAndAreRefusedElsewhere() throws Exception {
        CursorCodec codec = new CursorCodec("t|grp,id", List.of(Integer.class, Long.class), List.of(true, false), KEY);
        List<Object> withNull = Arrays.asList(null, 5L);
        assertThat(codec.decode(codec.encode(withNull))).isEqualTo(withNull);
        assertThat(codec.decode(codec.encode(Arrays.asList(3, 5L)))).containsExactly(3, 5L);
        byte[] id = Arrays.copyOf(
                MessageDigest.getInstance("SHA-256").digest("t|grp,id".getBytes(StandardCharsets.UTF_8)), 8);
        ByteBuffer badPresence = ByteBuffer.allocate(1 + 8 + 1 + 8);
        badPresence.put((byte) 2).put(id).put((byte) 7).putLong(5);
        assertThatThrownBy(() -> codec.decode(sign(badPresence.array())))
                .isInstanceOf(InvalidCursorException.class)
                .hasMessage(InvalidCursorException.MESSAGE);
    }

    @Test
    void validlySignedButMalformedPayloadsAreRejected() throws Exception {
        CursorCodec codec = new CursorCodec("t|id", List.of(Long.class, String.class), List.of(false, false), KEY);
        byte[] id =
                Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest("t|id".getBytes(StandardCharsets.UTF_8)), 8);

        ByteBuffer trailing = ByteBuffer.allocate(1 + 8 + 8 + 4 + 1 + 2);
        trailing.put((byte) 2).put(id).putLong(5).putInt(1).put((byte) 'x').put(new byte[] {9, 9});
        assertThatThrownBy(() -> codec.decode(sign(trailing.array())))
                .isInstanceOf(InvalidCursorException.class)
                .hasMessage(InvalidCursorException.MESSAGE);

        ByteBuffer truncated = ByteBuffer.allocate(1 + 8 + 4);
        truncated.put((byte) 2).put(id).putInt(7);
        assertThatThrownBy(() -> codec.decode(sign(truncated.array())))
                .isInstanceOf(InvalidCursorException.class)
                .hasMessage(InvalidCursorException.MESSAGE);

        ByteBuffer badLength = ByteBuffer.allocate(1 + 8 + 8 + 4);
        badLength.put((byte) 2).put(id).putLong(5).putInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> codec.decode(sign(badLength.array())))
                .isInstanceOf(InvalidCursorException.class)
                .hasMessage(InvalidCursorException.MESSAGE);

        ByteBuffer badUtf8 = ByteBuffer.allocate(1 + 8 + 8 + 4 + 2);
        badUtf8.put((byte) 2).put(id).putLong(5).putInt(2).put(new byte[] {(byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> codec.decode(sign(badUtf8.array())))
                .isInstanceOf(InvalidCursorException.class)
                .hasMessage(InvalidCursorException.MESSAGE);

        ByteBuffer badVersion = ByteBuffer.allocate(1 + 8 + 8 + 4);
        badVersion.put((byte) 9).put(id).putLong(5).putInt(0);
        assertThatThrownBy(() -> codec.decode(sign(badVersion.array())))
                .isInstanceOf(InvalidCursorException.class)
                .hasMessage(InvalidCursorException.MESSAGE);
    }

    private static String sign(byte[] payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] tag = Arrays.copyOf(mac.doFinal(payload), 16);
        byte[] token = Arrays.copyOf(payload, payload.length + 16);
        System.arraycopy(tag, 0, token, payload.length, 16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }
}
