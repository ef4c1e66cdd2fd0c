package dev.perfkit.assets.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** Content hashes: fingerprinted file names, SRI integrity and strong ETags. */
public final class Fingerprints {
    /** Hex characters of SHA-256 kept in a fingerprinted name. */
    static final int NAME_HASH_CHARS = 10;

    private Fingerprints() {}

    /** {@code css/app.css} with content hash {@code h} becomes {@code css/app-<first 10 hex of h>.css}; the hash goes before the last extension. */
    public static String fingerprintedName(String logicalPath, String sha256Hex) {
        int slash = logicalPath.lastIndexOf('/');
        int dot = logicalPath.lastIndexOf('.');
        if (dot <= slash + 1) { // no extension, or only a leading dot (".well") that is part of the name
            dot = -1;
        }
        String hash = sha256Hex.substring(0, NAME_HASH_CHARS);
        return dot < 0
                ? logicalPath + "-" + hash
                : logicalPath.substring(0, dot) + "-" + hash + logicalPath.substring(dot);
    }

    /** Lower-case hex SHA-256 of the bytes. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest("SHA-256", bytes));
    }

    /** The Subresource Integrity value {@code sha384-<base64>} of the bytes. */
    public static String integrity(byte[] bytes) {
        return "sha384-" + Base64.getEncoder().encodeToString(digest("SHA-384", bytes));
    }

    /** A strong entity tag for one representation: quoted, distinct per coding ({@code "<hash>-br"}). */
    public static String etag(String sha256Hex, String codingToken) {
        String base = sha256Hex.substring(0, 20);
        return codingToken.equals("identity") ? '"' + base + '"' : '"' + base + '-' + codingToken + '"';
    }

    static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every Java platform", e);
        }
    }
}
