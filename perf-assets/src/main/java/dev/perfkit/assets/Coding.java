package dev.perfkit.assets;

import java.util.Locale;
import java.util.Optional;

/**
 * A content coding that the pipeline can precompress with and the server can negotiate, in the server's order
 * of preference (best ratio first).
 *
 * <pre>{@code
 * Coding c = Coding.fromToken("br").orElseThrow(); // Coding.BROTLI
 * String file = "app-3f2a1b9c0d.js" + c.suffix();  // app-3f2a1b9c0d.js.br
 * }</pre>
 */
public enum Coding {
    /** Brotli, quality 11 at build time (RFC 7932). */
    BROTLI("br", ".br"),
    /** Zstandard, level 19 at build time (RFC 8878). */
    ZSTD("zstd", ".zst"),
    /** gzip, deflate level 9 (RFC 1952). */
    GZIP("gzip", ".gz");

    private final String token;
    private final String suffix;

    Coding(String token, String suffix) {
        this.token = token;
        this.suffix = suffix;
    }

    /** The {@code Content-Encoding} token, for example {@code br}. */
    public String token() {
        return token;
    }

    /** The file-name suffix of a precompressed variant, for example {@code .br}. */
    public String suffix() {
        return suffix;
    }

    /**
     * The coding named by an {@code Accept-Encoding}/{@code Content-Encoding} token, case-insensitively
     * ({@code x-gzip} is gzip); empty for {@code identity} and unknown tokens.
     */
    public static Optional<Coding> fromToken(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        for (Coding c : values()) {
            if (c.token.equals(t)) {
                return Optional.of(c);
            }
        }
        return t.equals("x-gzip") ? Optional.of(GZIP) : Optional.empty();
    }
}
