package dev.perfkit.assets;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one pipeline run did: files processed, compressions performed and reused, bytes saved per coding, and
 * warnings (references to files that are not in the input folder, images whose size could not be read). A final class rather than a record, so that
 * later figures can be added without breaking callers.
 *
 * <pre>{@code
 * PipelineResult r = pipeline.run();
 * long brSaved = r.bytesSaved().getOrDefault(Coding.BROTLI, 0L);
 * r.warnings().forEach(System.err::println);
 * }</pre>
 */
public final class PipelineResult {
    private final AssetManifest manifest;
    private final int files;
    private final long inputBytes;
    private final int compressed;
    private final int reused;
    private final Map<Coding, Long> bytesSaved;
    private final Map<Coding, Integer> variants;
    private final List<String> warnings;

    PipelineResult(
            AssetManifest manifest,
            int files,
            long inputBytes,
            int compressed,
            int reused,
            Map<Coding, Long> bytesSaved,
            Map<Coding, Integer> variants,
            List<String> warnings) {
        this.manifest = manifest;
        this.files = files;
        this.inputBytes = inputBytes;
        this.compressed = compressed;
        this.reused = reused;
        this.bytesSaved = Collections.unmodifiableMap(new EnumMap<>(bytesSaved));
        this.variants = Collections.unmodifiableMap(new EnumMap<>(variants));
        this.warnings = List.copyOf(warnings);
    }

    /** The manifest written to the output folder. */
    public AssetManifest manifest() {
        return manifest;
    }

    /** The number of input files. */
    public int files() {
        return files;
    }

    /** Their total size after reference rewriting. */
    public long inputBytes() {
        return inputBytes;
    }

    /** Compressions performed in this run. */
    public int compressed() {
        return compressed;
    }

    /** Compressions answered from the cache of an earlier run (unchanged inputs). */
    public int reused() {
        return reused;
    }

    /** Per coding, the sum over kept variants of identity size minus variant size (unmodifiable). */
    public Map<Coding, Long> bytesSaved() {
        return bytesSaved;
    }

    /** Per coding, the number of variants kept (unmodifiable). */
    public Map<Coding, Integer> variants() {
        return variants;
    }

    /**
     * One line per reference that points at no input file, for example {@code css/app.css: url(../img/gone.png)
     * refers to img/gone.png, which is not in the input folder (left as is)}, and one per PNG, JPEG, GIF, WebP or SVG
     * whose size could not be read from its header (truncated or corrupt), for example {@code img/cut.png: truncated
     * PNG: it does not end with an IEND chunk (no width and height recorded)}; empty when all went well.
     */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "PipelineResult[files=" + files + ", inputBytes=" + inputBytes + ", compressed=" + compressed
                + ", reused=" + reused + ", warnings=" + warnings.size() + "]";
    }
}
