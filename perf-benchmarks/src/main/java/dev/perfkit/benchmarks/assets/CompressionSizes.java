package dev.perfkit.benchmarks.assets;

import dev.perfkit.assets.AssetEntry;
import dev.perfkit.assets.AssetPipeline;
import dev.perfkit.assets.Coding;
import dev.perfkit.assets.PipelineResult;
import dev.perfkit.assets.Variant;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Compressed sizes on real JavaScript and CSS (react-dom, bootstrap, lodash from npm) through the perfkit pipeline:
 * gzip 9, Brotli 11, zstd 19. Passes when the Brotli total is at most 0.9x the gzip total (exit 1 otherwise).
 *
 * <pre>{@code
 * java -cp perf-benchmarks/target/benchmarks.jar dev.perfkit.benchmarks.assets.CompressionSizes target/real-assets
 * }</pre>
 * The processed folder is left in {@code <work>/out} (the nginx comparison serves it).
 */
public final class CompressionSizes {
    static final double MAX_BROTLI_TO_GZIP = 0.9;

    private CompressionSizes() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/real-assets");
        Path input = RealAssets.fetch(work);
        PipelineResult result = AssetPipeline.builder()
                .input(input)
                .output(work.resolve("out"))
                .build()
                .run();
        Map<Coding, Long> totals = new EnumMap<>(Coding.class);
        long identity = 0;
        System.out.printf("%-32s %10s %10s %10s %10s%n", "file", "identity", "gzip-9", "br-11", "zstd-19");
        for (AssetEntry e : result.manifest().entries()) {
            identity += e.size();
            long[] sizes = new long[3];
            int i = 0;
            for (Coding c : new Coding[] {Coding.GZIP, Coding.BROTLI, Coding.ZSTD}) {
                Variant v = e.variants().get(c);
                sizes[i++] = v == null ? e.size() : v.size();
                totals.merge(c, v == null ? e.size() : v.size(), Long::sum);
            }
            System.out.printf("%-32s %10d %10d %10d %10d%n", e.logicalPath(), e.size(), sizes[0], sizes[1], sizes[2]);
        }
        long gzip = totals.getOrDefault(Coding.GZIP, 0L);
        long br = totals.getOrDefault(Coding.BROTLI, 0L);
        long zstd = totals.getOrDefault(Coding.ZSTD, 0L);
        System.out.printf("%-32s %10d %10d %10d %10d%n", "TOTAL", identity, gzip, br, zstd);
        double ratio = (double) br / gzip;
        System.out.printf(
                "brotli-11 / gzip-9 = %.3f (required <= %.2f): %s%n",
                ratio, MAX_BROTLI_TO_GZIP, ratio <= MAX_BROTLI_TO_GZIP ? "PASS" : "FAIL");
        System.out.printf("zstd-19 / gzip-9 = %.3f%n", (double) zstd / gzip);
        if (ratio > MAX_BROTLI_TO_GZIP) {
            System.exit(1);
        }
    }
}
