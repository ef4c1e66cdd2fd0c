package dev.perfkit.cache.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.cache.InvalidationKind;
import dev.perfkit.cache.spi.InvalidationMessage;
import java.io.IOException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One message on the invalidation channel, as JSON: {@code {"v":1,"i":sender,"s":sequence,...}} with either
 * {@code "h":true} (a heartbeat carrying the sender's last sequence number) or the invalidation ({@code "k"} kind,
 * {@code "o"} origin, {@code "key"} or {@code "n"} name). Parsing reads a tree, never a class name.
 */
final class BusFrame<K> {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    static final int FORMAT = 1;

    final String sender;
    final long sequence;
    /** The invalidation, or {@code null} for a heartbeat. */
    final @Nullable InvalidationMessage<K> message;

    private BusFrame(String sender, long sequence, @Nullable InvalidationMessage<K> message) {
        this.sender = sender;
        this.sequence = sequence;
        this.message = message;
    }

    static String heartbeat(String sender, long sequence) {
        return header(sender, sequence).put("h", true).toString();
    }

    static <K> String message(
            String sender, long sequence, InvalidationMessage<K> m, Function<? super K, String> keyText) {
        ObjectNode node = header(sender, sequence).put("k", m.kind().name()).put("o", m.origin());
        K key = m.key();
        if (key != null) {
            node.put("key", keyText.apply(key));
        }
        String name = m.name();
        if (name != null) {
            node.put("n", name);
        }
        return node.toString();
    }

    private static ObjectNode header(String sender, long sequence) {
        return JSON.createObjectNode().put("v", FORMAT).put("i", sender).put("s", sequence);
    }

    /**
     * Parses a message from the channel.
     *
     * @throws IllegalArgumentException if it is not a message of this format
     */
    static <K> BusFrame<K> parse(String text, Function<String, ? extends K> keyOf) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
        if (node == null || !node.isObject() || node.path("v").asInt(-1) != FORMAT) {
            throw new IllegalArgumentException("not an invalidation of format " + FORMAT);
        }
        String sender = text(node, "i");
        JsonNode sequence = node.path("s");
        if (!sequence.canConvertToLong() || !sequence.isIntegralNumber()) {
            throw new IllegalArgumentException("no sequence number");
        }
        if (node.path("h").asBoolean(false)) {
            return new BusFrame<>(sender, sequence.asLong(), null);
        }
        InvalidationKind kind = InvalidationKind.valueOf(text(node, "k"));
        String origin = text(node, "o");
        K key = node.has("key") ? keyOf.apply(text(node, "key")) : null;
        String name = node.has("n") ? text(node, "n") : null;
        return new BusFrame<>(sender, sequence.asLong(), new InvalidationMessage<>(origin, kind, key, name));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field " + field + " is not text");
        }
        return value.asText();
    }
}
