package dev.perfkit.cache.http.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The content codings the cache keeps stored bodies in (gzip, Brotli), which content types are worth it, and the
 * choice of one for a request's Accept-Encoding (RFC 9110 section 12.5.3).
 */
public final class Codings {
    /** Bodies shorter than this are never compressed: the coding's framing eats the gain. */
    static final int MIN_LENGTH = 256;

    /** A stored body's coding. */
    public enum Coding {
        IDENTITY(""),
        GZIP("--gzip"),
        BROTLI("--br");

        /** What the cache appends to a strong ETag for this coding's variant, so variants' ETags differ. */
        final String etagSuffix;

        Coding(String etagSuffix) {
            this.etagSuffix = etagSuffix;
        }

        String token() {
            return this == GZIP ? "gzip" : "br";
        }
    }

    private Codings() {}

    /**
     * Whether a body of this type gains from compression: text, JSON, XML, JavaScript, SVG, CSV, YAML. Everything
     * else (images other than SVG, audio, video, archives, fonts, octet streams) is already compressed or opaque.
     */
    static boolean compressible(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        String t = contentType.toLowerCase(Locale.ROOT);
        if (t.startsWith("image/") && !t.startsWith("image/svg")) {
            return false;
        }
        return t.startsWith("text/")
                || t.contains("json")
                || t.contains("xml")
                || t.contains("javascript")
                || t.contains("svg")
                || t.contains("csv")
                || t.contains("yaml");
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] body, int expectedLength) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readNBytes(expectedLength);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The coding to send: among the stored codings, the one with the highest q-value above zero ({@code *} covers
     * codings not named; {@code x-gzip} is gzip); Brotli on a tie. Identity wins only when the request names it (or
     * {@code *}) with a higher q-value, when nothing stored is acceptable, and for a request with Range (a range of a
     * coded body is not what the client asked for) or an Accept-Encoding that cannot be read (over {@code maxLength}).
     */
    static Coding choose(List<String> acceptEncoding, boolean gzip, boolean brotli, boolean range, int maxLength) {
        if (range || acceptEncoding.isEmpty() || (!gzip && !brotli)) {
            return Coding.IDENTITY;
        }
        double qGzip = -1;
        double qBrotli = -1;
        double qIdentity = -1;
        double qAny = -1;
        int length = 0;
        for (String value : acceptEncoding) {
            length += value.length();
            if (length > maxLength) {
                return Coding.IDENTITY;
            }
            for (String element : value.split(",", -1)) {
                int semi = element.indexOf(';');
                String coding =
                        (semi < 0 ? element : element.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
                if (coding.isEmpty()) {
                    continue;
                }
                double q = semi < 0 ? 1.0 : qValue(element.substring(semi + 1));
                switch (coding) {
                    case "gzip", "x-gzip" -> qGzip = Math.max(qGzip, q);
                    case "br" -> qBrotli = Math.max(qBrotli, q);
                    case "identity" -> qIdentity = Math.max(qIdentity, q);
                    case "*" -> qAny = Math.max(qAny, q);
                    default -> {}
                }
            }
        }
        double g = !gzip ? 0 : qGzip >= 0 ? qGzip : Math.max(0, qAny);
        double b = !brotli ? 0 : qBrotli >= 0 ? qBrotli : Math.max(0, qAny);
        double best = Math.max(g, b);
        if (best <= 0) {
            return Coding.IDENTITY;
        }
        double identity = qIdentity >= 0 ? qIdentity : Math.max(0, qAny);
        if (qIdentity >= 0 && identity > best) {
            return Coding.IDENTITY;
        }
        return b >= g ? Coding.BROTLI : Coding.GZIP;
    }

    /** The q of {@code ;q=0.5}-style parameters; a malformed or out-of-range value makes the coding unacceptable. */
    private static double qValue(String params) {
        double q = 1.0;
        for (String p : params.split(";", -1)) {
            String t = p.trim().toLowerCase(Locale.ROOT);
            if (!t.startsWith("q=")) {
                continue;
            }
            String v = t.substring(2).trim();
            if (v.isEmpty() || v.length() > 5 || !v.matches("[01](\\.[0-9]{0,3})?")) {
                return 0;
            }
            q = Double.parseDouble(v);
            if (q > 1) {
                return 0;
            }
        }
        return q;
    }
}
