package dev.perfkit.cache.redis;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.perfkit.cache.spi.ValueCodec;
import java.io.IOException;
import java.util.Objects;

/**
 * The value codecs of the Redis tier: JSON bound to one named type, and raw bytes. Each has an id that is written
 * into every stored value's header, so a value written by another codec or type is a counted miss, never misread.
 *
 * <pre>{@code
 * ValueCodec<User> users = RedisCodecs.json(User.class);
 * ValueCodec<byte[]> raw = RedisCodecs.bytes();
 * }</pre>
 */
public final class RedisCodecs {
    private RedisCodecs() {}

    /**
     * Returns a JSON codec (Jackson) that decodes into {@code type} only. No default typing is enabled, so a stored
     * value can never name a class to instantiate; the id is {@code json:} and the type's name.
     *
     * @throws NullPointerException if {@code type} is null
     */
    public static <T> ValueCodec<T> json(Class<T> type) {
        return new Json<>(type, JsonMapper.builder().build());
    }

    /** Returns the codec of {@code byte[]} values, stored as they are; its id is {@code bytes}. */
    public static ValueCodec<byte[]> bytes() {
        return Bytes.INSTANCE;
    }

    /** Returns the id written into the header of values encoded by {@code codec}. */
    static String idOf(ValueCodec<?> codec) {
        if (codec instanceof Json<?> json) {
            return "json:" + json.type.getName();
        }
        return codec instanceof Bytes ? "bytes" : "class:" + codec.getClass().getName();
    }

    private static final class Json<T> implements ValueCodec<T> {
        final Class<T> type;
        private final ObjectReader reader;
        private final ObjectWriter writer;

        Json(Class<T> type, ObjectMapper mapper) {
            this.type = Objects.requireNonNull(type, "type");
            this.reader = mapper.readerFor(type).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            this.writer = mapper.writerFor(type);
        }

        @Override
        public byte[] encode(T value) {
            try {
                return writer.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write a " + type.getName() + " as JSON: " + value, e);
            }
        }

        @Override
        public T decode(byte[] bytes) {
            T value;
            try {
                value = reader.readValue(bytes);
            } catch (IOException e) {
                throw new IllegalArgumentException("not a JSON " + type.getName() + " (" + bytes.length + " bytes)", e);
            }
            if (value == null) {
                throw new IllegalArgumentException("JSON null where a " + type.getName() + " was expected");
            }
            return value;
        }
    }

    private enum Bytes implements ValueCodec<byte[]> {
        INSTANCE;

        @Override
        public byte[] encode(byte[] value) {
            return value.clone();
        }

        @Override
        public byte[] decode(byte[] bytes) {
            return bytes;
        }
    }
}
