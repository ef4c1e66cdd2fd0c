package dev.perfkit.assets;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one pipeline run did: files processed, compressions performed and reused, and bytes saved per coding.
 *
 * <pre>{@code
 * PipelineResult r = pipeline.run();
 * long brSaved = r.bytesSaved().getOrDefault(Coding.BROTLI, 0L);
 * }</pre>
 *
 * @param manifest the manifest written to the output folder
 * @param files the number of input files
 * @param inputBytes their total size after reference rewriting
 * @param compressed compressions performed in this run
 * @param reused compressions answered from the cache of an earlier run (unchanged inputs)
 * @param bytesSaved per coding, the sum over kept variants of identity size minus variant size
 * @param variants per coding, the number of variants kept
 */
public record PipelineResult(
        AssetManifest manifest,
        int files,
        long inputBytes,
        int compressed,
        int reused,
        Map<Coding, Long> bytesSaved,
        Map<Coding, Integer> variants) {
    /** Copies the maps. */
    public PipelineResult {
        bytesSaved = Collections.unmodifiableMap(new EnumMap<>(bytesSaved));
        variants = Collections.unmodifiableMap(new EnumMap<>(variants));
    }
}
