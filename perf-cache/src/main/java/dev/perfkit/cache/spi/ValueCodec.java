package dev.perfkit.cache.spi;

/**
 * Turns values into bytes and back for a {@link SecondLevelStore} that keeps them outside the JVM.
 *
 * <p>The store implementation owns its codec; perf-cache itself never serializes. Implementations must decode
 * only into the expected type (for example with a JSON mapper bound to one class) and never with Java
 * serialization of caller-chosen types.
 *
 * <pre>{@code
 * ValueCodec<String> utf8 = new ValueCodec<>() {
 *   public byte[] encode(String v) { return v.getBytes(StandardCharsets.UTF_8); }
 *   public String decode(byte[] b) { return new String(b, StandardCharsets.UTF_8); }
 * };
 * }</pre>
 *
 * @param <V> the value type
 */
public interface ValueCodec<V> {
    /**
     * Encodes a value.
     *
     * @throws IllegalArgumentException if the value cannot be encoded
     */
    byte[] encode(V value);

    /**
     * Decodes bytes written by {@link #encode}.
     *
     * @throws IllegalArgumentException if the bytes are not a valid encoding
     */
    V decode(byte[] bytes);
}
