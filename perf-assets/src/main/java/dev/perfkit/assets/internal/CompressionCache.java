package dev.perfkit.assets.internal;

import dev.perfkit.assets.Coding;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Compressed bytes kept under the output folder, keyed by the SHA-256 of the input bytes and the coding, so an
 * unchanged input is never compressed twice. Entries are hard links to the output variants where possible.
 */
public final class CompressionCache {
    /** The cache folder's name inside the output folder. */
    public static final String DIR = ".perfkit-cache";

    private final Path dir;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();

    /** A cache in {@code outputDir/.perfkit-cache}. */
    public CompressionCache(Path outputDir) throws IOException {
        this.dir = Files.createDirectories(outputDir.resolve(DIR));
    }

    /** Compressed bytes, and whether they came from the cache (else the caller should {@link #store} them). */
    @SuppressWarnings("ArrayRecordComponent") // a carrier that is never compared or hashed
    public record Result(byte[] bytes, boolean hit) {}

    /** The compressed bytes of {@code input} (whose hex SHA-256 is {@code sha256}), from the cache or computed. */
    public Result compressed(Coding coding, String sha256, byte[] input) throws IOException {
        Path file = entry(coding, sha256);
        if (Files.isRegularFile(file)) {
            hits.incrementAndGet();
            return new Result(Files.readAllBytes(file), true);
        }
        misses.incrementAndGet();
        return new Result(Compressors.compress(coding, input), false);
    }

    /**
     * Keeps freshly compressed bytes for later runs: as a hard link to {@code written} (the output file holding these
     * exact bytes, so nothing is written twice) when there is one and the file system allows it, else as a copy.
     * The entry appears atomically either way.
     */
    public void store(Coding coding, String sha256, @Nullable Path written, byte[] bytes) throws IOException {
        Path file = entry(coding, sha256);
        if (written != null) {
            try {
                Files.createLink(file, written);
                return;
            } catch (FileAlreadyExistsException e) {
                return; // another thread stored the same content
            } catch (IOException | UnsupportedOperationException e) {
                // no hard links here: fall through to a copy
            }
        }
        Path tmp = Files.createTempFile(dir, sha256, ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path entry(Coding coding, String sha256) {
        return dir.resolve(sha256 + coding.suffix());
    }

    /** Compressions answered from the cache. */
    public int hits() {
        return hits.get();
    }

    /** Compressions actually performed. */
    public int misses() {
        return misses.get();
    }
}
