package dev.perfkit.cache.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The Redis key layout of one cache, slot-aware for Redis Cluster. A key's value {@code <prefix>{<key>}:v} and its
 * counter {@code <prefix>{<key>}:k} and its single-flight lock {@code <prefix>{<key>}:l} share the hash tag {@code {<key>}}, so they are in one slot and one script
 * touches both. The shared counters, {@code <prefix>{=}:n:<namespace>}, {@code <prefix>{=}:t:<tag>} and the global
 * {@code <prefix>{=}:g}, share the hash tag {@code {=}}: one slot, read by one script. The prefix holds no braces
 * (the builder refuses them in a name), so the first brace pair is always the layout's own.
 *
 * <p>A part longer than {@link #MAX_PART} characters, or with a character outside printable ASCII (what Redis
 * tooling chokes on), is replaced by {@code #} and the base64url SHA-256 of its UTF-8 bytes, so every Redis key is
 * bounded; so is a part holding a brace, which would otherwise end the hash tag early (an empty tag hashes the
 * whole key and splits a value from its counter).
 */
final class RedisKeys {
    /** The longest key part kept as it is. */
    static final int MAX_PART = 200;

    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
            throw new IllegalArgumentException("a key prefix must hold no braces (hash tags), but was " + prefix);
        }
    }

    String value(String key) {
        return prefix + "{" + part(key) + "}:v";
    }

    String keyCounter(String key) {
        return prefix + "{" + part(key) + "}:k";
    }

    /** Returns the cluster single-flight lock of a key (the slot of its value). */
    String lock(String key) {
        return prefix + "{" + part(key) + "}:l";
    }

    String global() {
        return prefix + "{=}:g";
    }

    /** Returns the channel of the invalidation bus (its own slot in Cluster). */
    String channel() {
        return prefix + "{bus}";
    }

    /** Returns the shared counters that fence a value in a scope: the namespace's, the tags', the global last. */
    List<String> shared(@Nullable String namespace, Set<String> tags) {
        List<String> counters = new ArrayList<>(2 + tags.size());
        if (namespace != null) {
            counters.add(namespaceCounter(namespace));
        }
        for (String tag : tags) {
            counters.add(tagCounter(tag));
        }
        counters.add(global());
        return counters;
    }

    String namespaceCounter(String namespace) {
        return prefix + "{=}:n:" + part(namespace);
    }

    String tagCounter(String tag) {
        return prefix + "{=}:t:" + part(tag);
    }

    /** Returns {@code text} if it is short printable ASCII without braces or '#' first, else its hashed form. */
    static String part(String text) {
        boolean plain = text.length() <= MAX_PART && !text.startsWith("#");
        for (int i = 0; plain && i < text.length(); i++) {
            char c = text.charAt(i);
            plain = c > 0x20 && c < 0x7f && c != '{' && c != '}';
        }
        return plain ? text : "#" + sha256(text);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
