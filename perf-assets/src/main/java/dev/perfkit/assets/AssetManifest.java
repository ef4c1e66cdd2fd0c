package dev.perfkit.assets;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@value #FILE_NAME} of a processed folder: logical path to fingerprinted file, size, content type,
 * integrity and precompressed variants. Loading checks every listed file, so a server that starts is a server
 * whose every answer is backed by a file of the recorded size and hash.
 *
 * <pre>{@code
 * AssetManifest manifest = AssetManifest.load(Path.of("build/assets"));
 * String file = manifest.entry("css/app.css").orElseThrow().file(); // "css/app-3f2a1b9c0d.css"
 * }</pre>
 */
public final class AssetManifest {
    /** The manifest's file name inside the output folder. */
    public static final String FILE_NAME = "perfkit-manifest.json";

    private final Path directory;
    private final Map<String, AssetEntry> entries;
    private final @Nullable String cdnBase;

    AssetManifest(Path directory, Collection<AssetEntry> entries, @Nullable String cdnBase) {
        this.directory = directory;
        this.cdnBase = cdnBase;
        Map<String, AssetEntry> byPath = new LinkedHashMap<>();
        for (AssetEntry e : entries) {
            byPath.put(e.logicalPath(), e);
        }
        this.entries = Collections.unmodifiableMap(byPath);
    }

    /**
     * Reads and verifies the manifest of a processed folder: valid JSON of the expected shape, every file present
     * inside the folder (no symlink leaving it) with the recorded size and hash.
     *
     * @param directory the pipeline's output folder
     * @return the verified manifest
     * @throws NullPointerException if directory is null
     * @throws ManifestException naming the manifest, the file and the problem when anything does not match
     */
    public static AssetManifest load(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return ManifestReader.read(directory);
    }

    /** The folder the manifest's file paths are relative to. */
    public Path directory() {
        return directory;
    }

    /** The entry for a logical path such as {@code css/app.css}, if listed. */
    public Optional<AssetEntry> entry(String logicalPath) {
        return Optional.ofNullable(entries.get(logicalPath));
    }

    /** The CDN base URL recorded by the pipeline ({@code --cdn-base}), without a trailing slash, if any. */
    public Optional<String> cdnBase() {
        return Optional.ofNullable(cdnBase);
    }

    /** Every entry, in logical-path order. */
    public Collection<AssetEntry> entries() {
        return entries.values();
    }
}
