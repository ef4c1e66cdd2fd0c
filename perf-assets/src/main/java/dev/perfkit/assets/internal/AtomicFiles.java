package dev.perfkit.assets.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file atomically (a temporary file in the same folder, then a move), so a reader sees the old bytes or
 * the new ones, never half. The file is created with the process's umask, like any other output: not with
 * {@link Files#createTempFile}'s owner-only mode, which a web server running as another user cannot read.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes {@code bytes} to {@code target}, replacing it atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean moved = false;
        try {
            OutputFiles.create(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
