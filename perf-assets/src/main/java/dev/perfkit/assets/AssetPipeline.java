package dev.perfkit.assets;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns an input folder into a deployable output folder: content-hashed names, CSS references and source maps
 * rewritten to them, gzip 9 / Brotli 11 / zstd 19 variants where they pay off, and {@code perfkit-manifest.json}.
 * Runs are incremental (compressed bytes are cached by content hash under the output folder) and parallel.
 *
 * <pre>{@code
 * PipelineResult result = AssetPipeline.builder()
 *     .input(Path.of("src/main/assets"))
 *     .output(Path.of("target/assets"))
 *     .build()
 *     .run();
 * }</pre>
 */
public final class AssetPipeline {
    final Path input;
    final Path output;
    final int parallelism;
    final int minCompressSize;
    final Set<Coding> codings;
    final @Nullable String cdnBase;
    final PipelineListener listener;

    private AssetPipeline(Builder b) {
        this.input = Objects.requireNonNull(b.input, "input must be set");
        this.output = Objects.requireNonNull(b.output, "output must be set");
        this.parallelism = b.parallelism;
        this.minCompressSize = b.minCompressSize;
        this.codings = EnumSet.copyOf(b.codings);
        this.cdnBase = b.cdnBase;
        this.listener = b.listener;
    }

    /** A builder: input and output are required; the rest have defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Processes the input folder into the output folder and writes the manifest.
     *
     * @return what was done
     * @throws AssetPipelineException naming the file and problem (unsafe link or name, reference cycle, I/O)
     */
    public PipelineResult run() {
        return new PipelineRun(this).run();
    }

    /** Configures an {@link AssetPipeline}; each setter checks its value at once. */
    public static final class Builder {
        private @Nullable Path input;
        private @Nullable Path output;
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private int minCompressSize = 256;
        private Set<Coding> codings = EnumSet.allOf(Coding.class);
        private @Nullable String cdnBase;
        private PipelineListener listener = PipelineListener.NONE;

        private Builder() {}

        /** The folder to read (required). */
        public Builder input(Path input) {
            this.input = Objects.requireNonNull(input, "input");
            return this;
        }

        /** The folder to write; it may exist and may hold earlier runs' output (required). */
        public Builder output(Path output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /**
         * Compression threads, 1 to 256; default: available processors.
         *
         * @throws IllegalArgumentException if out of range
         */
        public Builder parallelism(int threads) {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("parallelism must be between 1 and 256, but was " + threads);
            }
            this.parallelism = threads;
            return this;
        }

        /**
         * Files smaller than this many bytes are not precompressed, 0 to 1048576; default 256.
         *
         * @throws IllegalArgumentException if out of range
         */
        public Builder minCompressSize(int bytes) {
            if (bytes < 0 || bytes > 1 << 20) {
                throw new IllegalArgumentException("minCompressSize must be between 0 and 1048576, but was " + bytes);
            }
            this.minCompressSize = bytes;
            return this;
        }

        /** The codings to precompress with (possibly none); default all. */
        public Builder codings(Set<Coding> codings) {
            this.codings = EnumSet.noneOf(Coding.class);
            this.codings.addAll(Objects.requireNonNull(codings, "codings"));
            return this;
        }

        /**
         * A CDN base URL recorded in the manifest for {@link AssetUrls}, {@code http(s)://host[/path]}.
         *
         * @throws IllegalArgumentException if not an absolute http(s) URL without query or fragment
         */
        public Builder cdnBase(String url) {
            this.cdnBase = CdnBase.normalize(Objects.requireNonNull(url, "cdnBase"));
            return this;
        }

        /** Told of progress; default {@link PipelineListener#NONE}. */
        public Builder listener(PipelineListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The pipeline. */
        public AssetPipeline build() {
            return new AssetPipeline(this);
        }
    }
}
