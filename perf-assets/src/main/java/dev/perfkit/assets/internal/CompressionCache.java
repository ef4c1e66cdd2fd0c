package dev.perfkit.assets.internal;

import dev.perfkit.assets.Coding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compressed bytes kept under the output folder, keyed by the SHA-256 of the input bytes and the coding, so an
 * unchanged input is never compressed twice. Writes are atomic (temporary file, then move).
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

  /** The compressed bytes of {@code input} (whose hex SHA-256 is {@code sha256}), from the cache or computed. */
  public byte[] compressed(Coding coding, String sha256, byte[] input) throws IOException {
    Path file = dir.resolve(sha256 + coding.suffix());
    if (Files.isRegularFile(file)) {
      hits.incrementAndGet();
      return Files.readAllBytes(file);
    }
    misses.incrementAndGet();
    byte[] out = Compressors.compress(coding, input);
    Path tmp = Files.createTempFile(dir, sha256, ".tmp");
    Files.write(tmp, out);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return out;
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
