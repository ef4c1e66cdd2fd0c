package dev.perfkit.metrics.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Short stable ids for SQL fingerprints: the first 12 hex digits of the SHA-256 of the normalized SQL, the same
 * in every JVM and release, so a tag value found on a dashboard can be searched in the logs.
 */
public final class FingerprintIds {
    private FingerprintIds() {}

    /** Returns the id of {@code fingerprint}. */
    public static String of(String fingerprint) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(fingerprint.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
