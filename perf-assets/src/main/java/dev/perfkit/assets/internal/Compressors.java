package dev.perfkit.assets.internal;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.Zstd;
import dev.perfkit.assets.Coding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Build-time compressors at their best settings: gzip 9, Brotli 11, zstd 19. */
public final class Compressors {
    private static final Encoder.Parameters BROTLI_11 = new Encoder.Parameters().setQuality(11);

    private Compressors() {}

    /** Compresses the bytes with the coding at its build-time level. */
    public static byte[] compress(Coding coding, byte[] input) {
        try {
            return switch (coding) {
                case GZIP -> gzip9(input);
                case BROTLI -> brotli11(input);
                case ZSTD -> Zstd.compress(input, 19);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(coding.token() + " compression failed", e);
        }
    }

    static byte[] brotli11(byte[] input) throws IOException {
        Brotli4jLoader.ensureAvailability();
        return Encoder.compress(input, BROTLI_11);
    }

    /** gzip with deflate level 9 (GZIPOutputStream defaults to 6). */
    public static byte[] gzip9(byte[] input) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(input.length / 3 + 64);
        try (OutputStream gz = new Level9Gzip(bytes)) {
            gz.write(input);
        }
        return bytes.toByteArray();
    }

    private static final class Level9Gzip extends GZIPOutputStream {
        Level9Gzip(OutputStream out) throws IOException {
            super(out, 8192);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }
}
