package dev.perfkit.cache.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Redis key layout of one cache: {@code <prefix>v:<key>} holds a value, {@code <prefix>k:<key>},
 * {@code <prefix>n:<namespace>}, {@code <prefix>t:<tag>} and {@code <prefix>g} hold the version counters. A part
 * longer than {@link #MAX_PART} characters, or with a character outside printable ASCII (what Redis tooling chokes
 * on), is replaced by {@code #} and the base64url SHA-256 of its UTF-8 bytes, so every Redis key is bounded.
 */
final class RedisKeys {
    /** The longest key part kept as it is. */
    static final int MAX_PART = 200;

    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    String value(String key) {
        return prefix + "v:" + part(key);
    }

    String keyCounter(String key) {
        return prefix + "k:" + part(key);
    }

    String global() {
        return prefix + "g";
    }

    /** Returns the counters that fence {@code key} in a scope: the key's, the namespace's, the tags', the global. */
    List<String> counters(String key, @org.jspecify.annotations.Nullable String namespace, Set<String> tags) {
        List<String> counters = new ArrayList<>(3 + tags.size());
        counters.add(keyCounter(key));
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
        return prefix + "n:" + part(namespace);
    }

    String tagCounter(String tag) {
        return prefix + "t:" + part(tag);
    }

    /** Returns {@code text} if it is short printable ASCII without '#' first, else its hashed form. */
    static String part(String text) {
        boolean plain = text.length() <= MAX_PART && !text.startsWith("#");
        for (int i = 0; plain && i < text.length(); i++) {
            char c = text.charAt(i);
            plain = c > 0x20 && c < 0x7f;
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
