package dev.perfkit.assets.servlet;

import java.nio.ByteBuffer;

/**
 * One coding of an asset as served: its token ({@code br}, {@code zstd}, {@code gzip} or {@code identity}),
 * strong ETag and bytes (on the heap, or mapped read-only for large files), loaded once at start and never written.
 */
record Representation(String token, String etag, ByteBuffer bytes) {
    boolean identity() {
        return token.equals("identity");
    }

    long length() {
        return bytes.capacity();
    }

    /** A view of bytes [first, last], independent of other requests' views. */
    ByteBuffer slice(long first, long last) {
        ByteBuffer view = bytes.duplicate();
        view.limit((int) last + 1).position((int) first);
        return view;
    }
}
