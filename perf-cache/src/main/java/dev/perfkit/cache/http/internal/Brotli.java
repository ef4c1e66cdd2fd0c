package dev.perfkit.cache.http.internal;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Brotli through brotli4j, an optional dependency: only this class names it, and only a cache built with Brotli
 * precompression loads it. Quality 5: a body is compressed in the request that rendered it, so the setting is the
 * one CDNs use for on-the-fly Brotli, not the build-time 11.
 */
public final class Brotli {
    private static final int QUALITY = 5;

    private Brotli() {}

    /** Whether brotli4j and a native library for this platform are on the class path. */
    public static boolean available() {
        try {
            Class.forName("com.aayushatharva.brotli4j.Brotli4jLoader", false, Brotli.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        return Loader.AVAILABLE;
    }

    static byte[] compress(byte[] body) {
        try {
            return Encoder.compress(body, new Encoder.Parameters().setQuality(QUALITY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] decompress(byte[] coded, int expectedLength) {
        try {
            DirectDecompress d = DirectDecompress.decompress(coded);
            if (d.getResultStatus() != DecoderJNI.Status.DONE) {
                throw new IllegalStateException("a stored Brotli body did not decode: " + d.getResultStatus());
            }
            byte[] out = d.getDecompressedData();
            if (out.length != expectedLength) {
                throw new IllegalStateException(
                        "a stored Brotli body decoded to " + out.length + " bytes, not " + expectedLength);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the native library once, on first use. */
    private static final class Loader {
        static final boolean AVAILABLE = load();

        private static boolean load() {
            try {
                return Brotli4jLoader.isAvailable();
            } catch (LinkageError e) {
                return false;
            }
        }
    }
}
