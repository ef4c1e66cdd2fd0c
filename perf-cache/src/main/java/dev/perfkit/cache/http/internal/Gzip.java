package dev.perfkit.cache.http.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/** Gzip for stored bodies, and which content types are worth it. */
final class Gzip {
    static final int MIN_LENGTH = 256;

    private Gzip() {}

    static boolean compressible(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        String t = contentType.toLowerCase(Locale.ROOT);
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
            byte[] out = in.readNBytes(expectedLength);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
