package dev.perfkit.assets.internal;

import dev.perfkit.assets.Coding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * What earlier runs compressed, so an unchanged input is never compressed twice: one index file under the output
 * folder, keyed by the SHA-256 of the input bytes and the coding, pointing at the variant file written then (with its
 * size and SHA-256) or recording that the variant saved too little to keep. A reused variant is read back and
 * verified against that hash, so a truncated or edited file is compressed again. One index instead of a file per
 * entry: creating files dominates a cold build, and the index adds none per input.
 */
public final class CompressionCache {
    /** The cache folder's name inside the output folder. */
    public static final String DIR = ".perfkit-cache";

    static final String INDEX = "index-v1.tsv";

    /** What one compression gave: the variant's file, size and SHA-256, or only its size when it was not kept. */
    private record Known(
            long size, @Nullable String file, @Nullable String sha256) {}

    private final Path index;
    private final Map<String, Known> previous;
    private final Map<String, Known> current = new ConcurrentHashMap<>();
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();

    /** The cache of {@code outputDir}, with what earlier runs recorded (an unreadable index is an empty one). */
    public CompressionCache(Path outputDir) throws IOException {
        this.index = Files.createDirectories(outputDir.resolve(DIR)).resolve(INDEX);
        this.previous = read(index);
    }

    /** A kept variant: its file (relative to the output folder), size and SHA-256 hex. */
    public record Kept(String file, long size, String sha256) {}

    /**
     * The variant of an input for a coding, written to {@code variantFile} unless an earlier run already did; null
     * when it would not be at most {@code maxRatio} of the input's size.
     *
     * @param sha256 the hex SHA-256 of {@code input}
     */
    public @Nullable Kept variant(
            Coding coding, String sha256, byte[] input, String variantFile, double maxRatio, OutputFiles out)
            throws IOException {
        String key = sha256 + "\t" + coding.token();
        Known before = previous.get(key);
        if (before != null && before.file() == null) { // compressed before and not worth keeping
            hits.incrementAndGet();
            current.put(key, before);
            return null;
        }
        Kept reused = before == null ? null : reuse(before, variantFile, out);
        if (reused != null) {
            hits.incrementAndGet();
            current.put(key, new Known(reused.size(), variantFile, reused.sha256()));
            return reused;
        }
        misses.incrementAndGet();
        byte[] compressed = Compressors.compress(coding, input);
        if (compressed.length > input.length * maxRatio) {
            current.put(key, new Known(compressed.length, null, null));
            return null;
        }
        out.writeIfChanged(variantFile, compressed);
        String hash = Fingerprints.sha256Hex(compressed);
        current.put(key, new Known(compressed.length, variantFile, hash));
        return new Kept(variantFile, compressed.length, hash);
    }

    /** The earlier run's variant when its file still holds the recorded bytes (copied if the name changed). */
    private static @Nullable Kept reuse(Known before, String variantFile, OutputFiles out) throws IOException {
        String file = before.file();
        String hash = before.sha256();
        if (file == null || hash == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(out.resolve(file));
        } catch (NoSuchFileException e) {
            return null;
        }
        if (bytes.length != before.size() || !Fingerprints.sha256Hex(bytes).equals(hash)) {
            return null;
        }
        if (!file.equals(variantFile)) {
            out.writeIfChanged(variantFile, bytes);
        }
        return new Kept(variantFile, bytes.length, hash);
    }

    /** Records this run's compressions for the next run (only these: entries of vanished inputs are dropped). */
    public void save() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Known> e : new TreeMap<>(current).entrySet()) {
            Known k = e.getValue();
            text.append(e.getKey()).append('\t').append(k.size()).append('\t');
            text.append(k.file() == null ? "-" : k.file()).append('\t');
            text.append(k.sha256() == null ? "-" : k.sha256()).append('\n');
        }
        AtomicFiles.write(index, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Known> read(Path index) throws IOException {
        Map<String, Known> known = new ConcurrentHashMap<>();
        if (!Files.isRegularFile(index)) {
            return known;
        }
        for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            if (f.length != 5
                    || !f[2].matches("[0-9]{1,18}")
                    || (!f[3].equals("-") && !SafePaths.isSafeRelative(f[3]))) {
                continue; // not a line this version wrote: ignore it, the input is compressed again
            }
            boolean dropped = f[3].equals("-");
            known.put(
                    f[0] + "\t" + f[1], new Known(Long.parseLong(f[2]), dropped ? null : f[3], dropped ? null : f[4]));
        }
        return known;
    }

    /** Compressions answered from earlier runs. */
    public int hits() {
        return hits.get();
    }

    /** Compressions actually performed. */
    public int misses() {
        return misses.get();
    }
}
