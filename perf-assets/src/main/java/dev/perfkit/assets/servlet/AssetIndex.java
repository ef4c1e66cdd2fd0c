package dev.perfkit.assets.servlet;

import dev.perfkit.assets.AssetEntry;
import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.Coding;
import dev.perfkit.assets.ManifestException;
import dev.perfkit.assets.Variant;
import dev.perfkit.assets.internal.SafePaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every URL of a manifest mapped to its {@link ServedAsset}, with all bytes loaded once: files up to
 * {@value #COPY_LIMIT} bytes read onto the heap, larger ones memory-mapped read-only (see {@link BodyWriter}). Fingerprinted file
 * names are served as immutable; logical names ({@code app.js}) revalidate. Last-Modified is the build time: when
 * the manifest was written (a per-file time could go back when a file returns to earlier content).
 */
final class AssetIndex {
    static final int COPY_LIMIT = 1 << 20;

    private final Map<String, ServedAsset> byKey;

    private AssetIndex(Map<String, ServedAsset> byKey) {
        this.byKey = byKey;
    }

    static AssetIndex load(AssetManifest manifest) {
        Map<String, ServedAsset> byKey = new HashMap<>();
        Path dir = manifest.directory();
        long built = builtAt(dir);
        for (AssetEntry e : manifest.entries()) {
            List<Representation> reps = new ArrayList<>();
            for (Coding c : Coding.values()) {
                Variant v = e.variants().get(c);
                if (v != null) {
                    reps.add(new Representation(c.token(), v.etag(), bytes(dir, v.file(), v.size())));
                }
            }
            reps.add(new Representation("identity", e.etag(), bytes(dir, e.file(), e.size())));
            List<Representation> ordered = List.copyOf(reps);
            boolean varies = ordered.size() > 1;
            String cache = e.fingerprinted() ? ServedAsset.IMMUTABLE : ServedAsset.REVALIDATE;
            byKey.put(e.file(), new ServedAsset(e.contentType(), cache, varies, ordered, built));
            byKey.putIfAbsent(
                    e.logicalPath(), new ServedAsset(e.contentType(), ServedAsset.REVALIDATE, varies, ordered, built));
        }
        return new AssetIndex(Map.copyOf(byKey));
    }

    @Nullable
    ServedAsset find(String key) {
        return byKey.get(key);
    }

    /** The manifest's modification time in whole seconds, as HTTP dates carry no more. */
    private static long builtAt(Path dir) {
        Path manifestFile = dir.resolve(AssetManifest.FILE_NAME);
        try {
            return Files.getLastModifiedTime(manifestFile).toMillis() / 1000 * 1000;
        } catch (IOException e) {
            throw new ManifestException(manifestFile, "modification time cannot be read (" + e + ")", e);
        }
    }

    private static ByteBuffer bytes(Path dir, String file, long size) {
        Path manifestFile = dir.resolve(AssetManifest.FILE_NAME);
        try {
            Path path = SafePaths.resolveInside(dir, file);
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                if (ch.size() != size) {
                    throw new ManifestException(
                            manifestFile, file + ": size " + ch.size() + " but manifest says " + size);
                }
                if (size <= COPY_LIMIT) {
                    // On the heap, so every servlet API level writes it with write(byte[], int, int), no copy.
                    return ByteBuffer.wrap(Files.readAllBytes(path));
                }
                return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ManifestException(manifestFile, file + ": cannot be loaded (" + e.getMessage() + ")", e);
        }
    }
}
