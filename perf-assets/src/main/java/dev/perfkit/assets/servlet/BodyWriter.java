package dev.perfkit.assets.servlet;

import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Writes a representation's bytes on Servlet 6.0 and 6.1 alike. Heap bytes go through {@code write(byte[], int,
 * int)}, which every version has. Memory-mapped bytes go through {@code write(ByteBuffer)} where the container's
 * API has it (Servlet 6.1, no copy), else in {@value #CHUNK}-byte copies: Servlet 6.0 (Tomcat 10.1, Jetty 12 ee10's
 * own API jar, Spring Boot 3) has no such method, and calling it there is a {@link NoSuchMethodError} per request.
 */
final class BodyWriter {
    static final int CHUNK = 64 * 1024;

    /** {@code ServletOutputStream.write(ByteBuffer)} when the servlet API on the class path has it (6.1+). */
    private static final @Nullable MethodHandle WRITE_BUFFER = writeBuffer();

    private BodyWriter() {}

    /** Writes the remaining bytes of {@code bytes} (a private view: its position moves). */
    static void write(ServletOutputStream out, ByteBuffer bytes) throws IOException {
        if (bytes.hasArray()) {
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            return;
        }
        if (WRITE_BUFFER != null) {
            invoke(WRITE_BUFFER, out, bytes);
            return;
        }
        byte[] chunk = new byte[Math.min(CHUNK, bytes.remaining())];
        while (bytes.hasRemaining()) {
            int n = Math.min(chunk.length, bytes.remaining());
            bytes.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    /** Whether this class path's servlet API has {@code write(ByteBuffer)} (for tests and diagnostics). */
    static boolean servlet61() {
        return WRITE_BUFFER != null;
    }

    private static void invoke(MethodHandle write, ServletOutputStream out, ByteBuffer bytes) throws IOException {
        try {
            write.invoke(out, bytes);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("ServletOutputStream.write(ByteBuffer) failed", e);
        }
    }

    private static @Nullable MethodHandle writeBuffer() {
        try {
            return MethodHandles.publicLookup()
                    .findVirtual(
                            ServletOutputStream.class, "write", MethodType.methodType(void.class, ByteBuffer.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // Servlet 6.0: copy in chunks instead
        }
    }
}
